"""Learner logic without widgets: grading, scenario runs, tools' arithmetic, progress."""
