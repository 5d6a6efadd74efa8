"""What each one-line notebook call puts on the page: the bodies behind `course.quiz(...)` and the rest.

course/__init__.py names the calls and imports these modules only when a call is made; each page
function here imports its own widgets when it runs, so a lesson pays only for what it shows.
"""
