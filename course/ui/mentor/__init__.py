"""The mentor's widgets: the dashboard, live sessions, invitations."""
