"""The dashboard's Feedback tab, driven as a mentor would: a learner's question is listed first on
the overview, Answer opens its thread beside the work as the learner wrote it, a scored comment
closes the question, and the learner sees it under the work in the lesson with the home's count."""
from __future__ import annotations

import pytest

from course.accounts.service import Accounts
from course.mentor.feedback import Feedback, learner_viewer
from course.ui.mentor.dashboard import SECTIONS, Dashboard
from course.ui.learner.feedback_thread import WorkFeedback
from course.ui.learner.mentor_notice import notice_html

from .mentor_cohorts import GOOD, mentored_cohorts
from .sessions import account_session
from .test_mentor_dashboard import html_widgets

DRAFT = {"situation": "6 North is five pumps short <b>now</b>.", "background": "Since Friday.",
         "assessment": "I think we will run short again.", "recommendation": "Please approve renting five pumps."}


@pytest.fixture
def people(store, db_url):
    people = mentored_cohorts(store, learners=("ana",), names={"ana": "Ana <i>Ruiz</i>"})
    mo, zed, ana = people["mo"], people["zed"], people["ana"]
    ana_session = account_session(db_url, ana)
    ana_session.record(lesson="communication", item="sbar-pumps", kind="exercise", response={"draft": DRAFT})
    return dict(mo=account_session(db_url, mo), zed=account_session(db_url, zed), ana=ana_session, ana_account=ana)


def test_a_question_comes_first_and_answering_it_closes_it(people, cat, store):
    ana = people["ana"]
    under_sbar = WorkFeedback(ana, "communication", "sbar-pumps", cat.rubrics, "your SBAR draft")
    thread = under_sbar.thread
    thread._ask_clicked()  # "Ask my mentor…" opens the box
    thread.text.value = "Is my Recommendation specific enough?"
    thread._ask_clicked()  # "Send to my mentor"
    assert "Sent" in thread.status.value

    dash = Dashboard(cat, people["mo"], "spring-2027")
    overview = html_widgets(dash.sections["Overview"])
    first = next(i for i, h in enumerate(overview) if "Questions waiting for you (1)" in h)
    roster = next(i for i, h in enumerate(overview) if "Roster" in h)
    assert first < roster  # the questions lead the overview
    assert any("Is my Recommendation specific enough?" in h and "Ana &lt;i&gt;Ruiz&lt;/i&gt;" in h for h in overview)

    dash.requests.children[1].children[0].click()  # Answer
    assert dash.tabs.selected_index == SECTIONS.index("Feedback")
    tab = dash.feedback_tab
    assert tab.work.value == "sbar-pumps"
    assert "Please approve renting five pumps." in tab.view.value and "&lt;b&gt;now&lt;/b&gt;" in tab.view.value
    mentor_thread = tab.thread_area.children[0]
    assert len(mentor_thread.scores) == 10  # the SBAR rubric, one score per checklist point
    mentor_thread.scores["specific-ask"].value = 1
    mentor_thread.text.value = "Name who does what by when."
    mentor_thread.send.click()
    assert "Questions waiting for you (0)" in html_widgets(tab.requests)[0]
    assert "Questions waiting for you (0)" in html_widgets(dash.requests)[0]

    home = notice_html(cat, ana, lambda lesson: lesson.notebook)
    assert "1 new comment from your mentor" in home and "06-communication.ipynb" in home
    under_sbar.build()  # the learner opens lesson 06 again
    shown = under_sbar.thread.html.value
    assert "Mo Mentor" in shown and "Name who does what by when." in shown and "1 · Partly" in shown
    assert "answered" in shown
    assert notice_html(cat, ana, lambda lesson: lesson.notebook) == ""  # read now


def test_a_mentor_of_another_cohort_sees_none_of_it(people, cat, store):
    ana = people["ana_account"]
    Feedback(store).post(learner_viewer(people["ana"].identity), ana.id, "communication", "sbar-pumps",
                         "A question for Mo.", kind="request")
    dash = Dashboard(cat, people["zed"], "spring-2027")
    assert dash.picker.value != "spring-2027"  # not offered at all
    assert "A question for Mo." not in "".join(html_widgets(dash))


def test_a_message_to_a_group_reaches_each_learner_on_their_home(people, cat, store, db_url):
    from course.ui.learner.header import Home

    accounts = Accounts(store)
    ben = accounts.create("Ben Okafor", "learner", login="ben", password=GOOD, cohort="spring-2027")
    ben_session = account_session(db_url, ben)
    ben_session.record(lesson="the-role", item="the-role/reflection", kind="reflection",
                       response={"text": "I saved mine."})
    dash = Dashboard(cat, people["mo"], "spring-2027")
    dash.tabs.selected_index = 1
    panel = next(c for c in dash.feedback_tab.children if c.__class__.__name__ == "MessagePanel")
    labels = dict((v, k) for k, v in panel.to.options)
    assert labels["no-reflection:the-role"] == "Everyone who has not saved the lesson 1 reflection (1)"
    panel.submit()
    assert "Choose a learner above" in panel.status.value  # nobody chosen yet
    panel.to.value = "no-reflection:the-role"
    panel.text.value = "A reminder: <b>lesson 01's</b> reflection is due Friday."
    panel.submit()
    assert "Sent to 1 learner" in panel.status.value

    ana_home = Home(cat, people["ana"])
    shown = "".join(html_widgets(ana_home))
    assert "Messages from your mentor" in shown and "&lt;b&gt;lesson 01&#39;s&lt;/b&gt;" in shown
    assert "Mo Mentor" in shown and "new comment" not in shown
    assert "Messages from your mentor" not in "".join(html_widgets(Home(cat, ben_session)))
    thread = ana_home.messages.thread
    thread.text.value = "Thanks, I will write it tonight."
    thread.submit("reply")
    tab = dash.feedback_tab
    tab.show_thread(people["ana_account"].id, "course-home/message")
    assert "Thanks, I will write it tonight." in tab.thread_area.children[0].html.value


def test_the_header_of_every_page_counts_new_comments_until_read(people, cat, store):
    from course.mentor.feedback import mentor_viewer
    from course.ui.learner.header import Header

    ana = people["ana"]
    mo = mentor_viewer(people["mo"].identity, store, granted=False)
    Feedback(store).post(mo, ana.identity.key, "communication", "sbar-pumps", "Good start.")
    header = Header(cat, "the-role", ana)
    assert '<a href="06-communication.ipynb">1 new comment from your mentor</a>' in header.info.value
    WorkFeedback(ana, "communication", "sbar-pumps", cat.rubrics)  # lesson 06 shows it: read
    header.render()
    assert "new comment" not in header.info.value
