"""The learner's widgets, one module per interaction."""
