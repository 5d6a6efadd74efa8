"""Where the course's own files are: the project folder, its content, sample data and style sheet."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
CONTENT_DIR = PACKAGE_DIR / "content"
DATA_DIR = PROJECT_DIR / "assets" / "data"
CSS_FILE = PROJECT_DIR / "assets" / "css" / "course.css"
NOTEBOOK_DIR = PROJECT_DIR / "notebooks"
CONTENT_CACHE = PACKAGE_DIR / "content.cache"  # the validated catalog `course check` writes (not in git)
FIGURE_CACHE = PACKAGE_DIR / "figures.cache"  # charts of the sample data, drawn once (course/ui/figure_cache.py)
