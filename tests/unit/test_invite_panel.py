"""The dashboard's Invite tab, driven in the kernel as the page would: a mentor of the cohort turns a
list of names into single-use links (a name already in the cohort keeps its account and work), a
line that is not a name is named and the others still go through, and a new link for a learner
who lost their password signs them out. Anyone else gets a sentence, not the tool."""
import re

from course.accounts.service import Accounts
from course.store.core import Store
from course.ui.mentor.invite_panel import InvitePanel

from .sessions import signed_in_session


def mentor_session(db_url, account):
    return signed_in_session(db_url, account.display_name, None, "account", account_id=account.id, role=account.role)


def test_a_mentor_invites_a_roster_and_resets_a_learner(db_url, monkeypatch):
    monkeypatch.setenv("VOILA_REQUEST_URL", "https://course.example.org/voila/render/mentor/dashboard.ipynb")
    store = Store(db_url)
    accounts = Accounts(store)
    mo = accounts.create("Mo Mentor", "mentor", login="mo", password="Meadow-lantern-cobalt-42")
    accounts.create_cohort("spring-2027", mo.id)
    sam = accounts.create("Sam Rivera", "learner", cohort="spring-2027")
    panel = InvitePanel(mentor_session(db_url, mo), store, "spring-2027")
    panel.names.value = "Sam Rivera\nزهرا محمد\u200cزاده\n\u202eevil\n<b>Bold</b>\n"
    panel.invite_button.click()
    shown = panel.out.value
    assert "3 invitation links made; 1 line to fix" in shown and "Line 3" in shown
    links = re.findall(r"https://course\.example\.org/invite/[A-Za-z0-9_-]+", shown)
    assert len(links) == 3 and "&lt;b&gt;Bold&lt;/b&gt;" in shown and "<b>Bold</b>" not in shown
    assert accounts.invitation(links[0].rsplit("/", 1)[1]).id == sam.id  # Sam keeps his account
    assert accounts.invitation(links[1].rsplit("/", 1)[1]).cohort == "spring-2027"
    assert panel.names.value  # a line to fix: the list stays on the page
    assert "زهرا محمد‌زاده" in [label for label, _ in panel.learner.options]  # just invited: in the list at once
    csv_link = re.search(r'href="data:text/csv;base64,([^"]+)"', shown)
    assert csv_link

    token = accounts.start_session(sam.id)
    panel.learner.value = sam.id
    panel.reset_button.click()
    assert "A new link for Sam Rivera" in panel.out.value
    assert accounts.session_account(token) is None  # signed out everywhere


def test_only_a_mentor_of_the_cohort_gets_the_tool(db_url):
    store = Store(db_url)
    accounts = Accounts(store)
    other = accounts.create("Oz Other", "mentor", login="oz", password="Meadow-lantern-cobalt-42")
    accounts.create_cohort("spring-2027")
    panel = InvitePanel(mentor_session(db_url, other), store, "spring-2027")
    assert not hasattr(panel, "names") and "only into a cohort you look after" in panel.children[0].value
    hub = signed_in_session(db_url, "Hub Mentor", None, "hub")
    assert "course server" in InvitePanel(hub, store, "spring-2027").children[0].value
