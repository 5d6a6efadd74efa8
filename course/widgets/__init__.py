"""One module per interaction. Widgets take content objects and the session; they hold no content."""
