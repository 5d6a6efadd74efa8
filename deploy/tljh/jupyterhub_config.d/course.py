"""The course on The Littlest JupyterHub: copy to /opt/tljh/config/jupyterhub_config.d/course.py,
then `sudo tljh-config reload hub`. deploy/README.md has the whole procedure.

TLJH loads every file in jupyterhub_config.d after its own configuration, so what is set here
wins over `tljh-config` for the same setting. Learner servers are started by TLJH's
SystemdSpawner, one per hub user, from the user environment /opt/tljh/user where the course
was installed with `pip install -e /srv/course`.
"""
import json
import os
from pathlib import Path

# Where the course's repository is checked out (read-only for learners is fine: Voila only
# reads notebooks). COURSE_DIR in the hub's environment overrides it.
COURSE_DIR = Path(os.environ.get("COURSE_DIR", "/srv/course"))

# The shared PostgreSQL URL lives in a root-only file, not in this file, so it never shows up
# in `tljh-config show` or a copy of the config: postgresql+psycopg://course:PASSWORD@127.0.0.1:5432/course
COURSE_DB_URL_FILE = Path(os.environ.get("COURSE_DB_URL_FILE", "/opt/tljh/config/course_db_url"))

# The hub group whose members get the mentor views without a passcode.
MENTORS_GROUP = "mentors"
# Its members when the hub starts. Later changes made in the hub's admin page also count:
# membership is read again each time a server starts (see mentor_users below).
MENTORS = ["ana", "raj"]

# --- where learners land ------------------------------------------------------------------------

# Each learner's server serves the course directory, so the Voila URL of a lesson is
# /user/<name>/voila/render/notebooks/<lesson>.ipynb (the same relative paths as in the repo).
c.Spawner.notebook_dir = str(COURSE_DIR)
# After logging in, a learner opens the course home in Voila, not JupyterLab.
c.Spawner.default_url = "/voila/render/notebooks/index.ipynb"

# --- what every learner's server is told --------------------------------------------------------


def mentor_users(spawner) -> str:
    """COURSE_MENTOR_USERS for this server: its user's name if they are in the mentors group.

    The mentor gate (course/mentor/access.py) lets a hub user in when JUPYTERHUB_USER is in this
    comma-separated list; learners get an empty list. Evaluated when the server starts.
    """
    groups = {group.name for group in spawner.user.groups}
    return spawner.user.name if MENTORS_GROUP in groups else ""


c.Spawner.environment.update({
    # The shared progress store: every learner's answers go to one PostgreSQL database, which
    # mentors' dashboards read. Read once when the hub starts.
    "COURSE_DB_URL": COURSE_DB_URL_FILE.read_text(encoding="utf-8").strip(),
    # Voila finds the course's page template (share/jupyter/voila/templates/course) here.
    "JUPYTER_PATH": str(COURSE_DIR / "share" / "jupyter"),
    # Mentors are recognised by their hub name (JUPYTERHUB_USER, set by the hub).
    "COURSE_MENTOR_USERS": mentor_users,
    # Optional: put every learner of this hub in one cohort for the mentor dashboard.
    # "COURSE_COHORT": "spring-2027",
})

# --- kernels inside each server -----------------------------------------------------------------

# Every Voila page view starts a kernel; a closed tab leaves it running until culled. The
# single-user server does not read voila.json's MappingKernelManager section, so the same
# culling settings are passed as flags (e.g. --MappingKernelManager.cull_idle_timeout=1800:
# a kernel idle for 30 minutes is ended; cull_interval=60: checked every minute; cull_busy=false:
# a running cell is never cut). One difference: cull_connected=false, an open tab keeps its kernel,
# because on a hub the page cannot tell the server its reader is still typing (that report is
# `course serve`'s /course/api/in-use), so culling an open page could cut a learner off mid-sentence.
_voila = json.loads((COURSE_DIR / "voila.json").read_text(encoding="utf-8"))
c.Spawner.args.extend([
    f"--MappingKernelManager.{key}={json.dumps(value)}"
    for key, value in {**_voila["MappingKernelManager"], "cull_connected": False}.items()
])

# --- the mentors group --------------------------------------------------------------------------

# Creates the group (and its members as hub users) when the hub starts. With JupyterHub < 3.2
# use the older list form: {"mentors": ["ana", "raj"]}.
c.JupyterHub.load_groups = {MENTORS_GROUP: {"users": MENTORS}}

# Idle culling of whole servers is TLJH's built-in jupyterhub-idle-culler service, configured
# with `tljh-config set services.cull.*` (deploy/README.md), not here: a second culler would
# only duplicate it.
