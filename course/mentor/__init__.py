"""The mentor's side of the course without widgets: feedback threads, requests, schedules."""
