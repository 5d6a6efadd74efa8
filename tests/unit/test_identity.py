"""Who is learning: the course server's signed account, the hub user, a sign-in remembered only
outside Voila; never the link; names validated."""
import pytest

from course import identity as ident
from course.session import Session
from course.ui.learner.header import Header, Home, link

from .sessions import page_before_sign_in, signed_in_session


@pytest.mark.parametrize("raw, expected", [("  Sam   Rivera ", "Sam Rivera"), ("<b>Sam</b>", "<b>Sam</b>"),
                                           ("Zoë O'Neil-Ng", "Zoë O'Neil-Ng"), ("محمد", "محمد"), ("tab\there", "tab here")])
def test_names_accepted(raw, expected):
    assert ident.validate_name(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "a" * 61, "Sam\x00", "Sam\u200b", "Sam\u202e", None, 42])
def test_names_refused(raw):
    with pytest.raises(ValueError):
        ident.validate_name(raw)


@pytest.mark.parametrize("raw, ok", [("Spring-2027", "spring-2027"), ("", None), (None, None)])
def test_cohort_codes(raw, ok):
    assert ident.validate_cohort(raw) == ok


@pytest.mark.parametrize("raw", ["spring 2027", "<x>", "a" * 41, "-lead"])
def test_cohort_codes_refused(raw):
    with pytest.raises(ValueError):
        ident.validate_cohort(raw)


def test_hub_user_wins(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    found, problem = ident.detect()
    assert found.name == "alice" and found.source == "hub" and problem is None


@pytest.fixture
def course_server(monkeypatch, db_url):
    """A kernel as the course server starts it: its secret inherited, the store, one account."""
    from course.accounts import signing
    from course.accounts.service import Accounts
    from course.store.core import Store

    monkeypatch.setenv("COURSE_DB_URL", db_url)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv(signing.SECRET_ENV, "a-secret-the-server-made-at-start-up")
    monkeypatch.setenv(signing.SERVER_ENV, "accounts")
    return Accounts(Store(db_url)).create("Sam Rivera", "learner", cohort="spring-2027", account_id="u-sam")


def test_a_bare_voila_ignores_the_link_and_saves_nothing(monkeypatch):
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("QUERY_STRING", "learner=Sam%20Rivera&cohort=spring-2027")
    assert ident.detect() == (None, None)
    assert not ident.saves_here()


def test_the_course_server_trusts_only_its_signed_header(monkeypatch, course_server):
    from course.accounts import signing

    monkeypatch.setenv("QUERY_STRING", "learner=Someone%20Else&cohort=attacker")
    monkeypatch.setenv(signing.ENV_HEADER, signing.sign("u-sam"))
    found, problem = ident.detect()
    assert (found.name, found.cohort, found.source, found.key, problem) == (
        "Sam Rivera", "spring-2027", "account", "u-sam", None)
    for forged in ("u-sam", "u-sam." + "0" * 64, signing.sign("u-sam").replace("u-sam", "u-other")):
        monkeypatch.setenv(signing.ENV_HEADER, forged)
        assert ident.detect() == (None, ident.NOT_SIGNED_IN)
    monkeypatch.delenv(signing.ENV_HEADER)
    assert ident.detect() == (None, ident.NOT_SIGNED_IN)


def test_sign_in_remembered_in_lab_only(monkeypatch):
    ident.sign_in("Sam Rivera", "spring-2027")
    assert ident.detect()[0].name == "Sam Rivera"
    ident.forget()
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    ident.sign_in("Shared Server", None)  # a shared Voila server must not remember anyone
    monkeypatch.delenv("VOILA_BASE_URL")
    assert ident.detect() == (None, None)


def test_header_shows_name_escaped_and_progress(fixture_catalog, session):
    session.set_identity(ident.Identity("<img src=x onerror=alert(1)>", None, "sign-in"))
    header = Header(fixture_catalog, "alpha", session)
    assert "&lt;img src=x onerror=alert(1)&gt;" in header.info.value
    assert "<img" not in header.info.value
    assert "Lesson 1 of 2" in header.info.value and "0 of 4 self-checks" in header.info.value


def test_sign_in_form(fixture_catalog, db_url):
    s = page_before_sign_in(db_url)
    header = Header(fixture_catalog, "alpha", s)
    assert header.signin in header.children
    header.signin.name.value = "x" * 80
    header.signin.button.click()
    assert "at most 60" in header.signin.message.value and s.identity is None
    header.signin.name.value = "Sam Rivera"
    header.signin.cohort.value = "Spring-2027"
    header.signin.button.click()
    assert s.identity.name == "Sam Rivera" and header.signin not in header.children
    assert "Sam Rivera" in header.info.value and "spring-2027" in header.info.value


def test_links_never_carry_who_is_signed_in(monkeypatch, session):
    assert link("01-the-role.ipynb", session) == "01-the-role.ipynb"
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    assert link("01-the-role.ipynb", session, "Key-points") == "01-the-role.ipynb#Key-points"


def test_home_lists_lessons(fixture_catalog, session):
    home = Home(fixture_catalog, session)
    html = home.lessons.value
    assert 'href="alpha.ipynb"' in html and "Lesson 2: Beta" in html and "in preparation" in html
    assert "not started" in html


def test_preheated_kernel_builds_first_then_recognises_the_visitor(fixture_catalog, db_url, monkeypatch,
                                                                    course_server):
    """Voila preheat: the page is built before anyone visits; at the visit the widgets restore."""
    from course.accounts import signing
    from course.ui.learner.quiz import QuizItem

    earlier = signed_in_session(db_url, "Sam Rivera", source="account", account_id="u-sam")
    earlier.record(lesson="alpha", item="q-single", kind="answer", response={"choice": "b"}, correct=True, score=1.0)

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(ident, "_visit_received", False)
    visits = []

    def visit():  # what the course server sends the kernel when the learner's request arrives
        visits.append(1)
        monkeypatch.setenv(signing.ENV_HEADER, signing.sign("u-sam"))

    monkeypatch.setattr(signing, "wait_for_visit", visit)
    s = Session(db_url)
    s.detect_identity()
    assert s.identity is None and not visits  # nothing blocks while the page is built
    item = QuizItem(fixture_catalog.items["q-single"], fixture_catalog, s)
    s.on_identity(item.refresh)
    assert item.attempts == 0
    s.await_visit()
    assert visits == [1] and s.identity.name == "Sam Rivera" and s.identity.key == "u-sam"
    assert item.done and item.correct and item.input.radio.value == "b"


# --- real names in every script, emoji included (Unicode's identifier and emoji rules) -------------

REAL_NAMES = [
    "زهرا محمد\u200cزاده",  # Persian, a zero-width non-joiner inside the family name
    "محمد عبد الله",  # Arabic
    "क्\u200dषमा शर्मा",  # Devanagari, a zero-width joiner after the virama (half form)
    "王小明", "김민준", "Ngô Bảo Châu",
    "Jose\u0301 Nun\u0303ez",  # combining accents (kept, and composed to NFC)
    "👩\u200d⚕️",  # an emoji ZWJ sequence with a variation selector
    "👨\u200d👩\u200d👧\u200d👦 Okafor",  # a family
    "👍🏽 Sam", "Dr 👩🏿\u200d⚕️ Ade",  # skin tones, before a joiner too
    "🏳️\u200d🌈 Alex", "🇺🇸 Sam", "🇮🇷 Darya",  # flags: a joined sequence and regional indicators
    "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Ailsa",  # Scotland: a tag sequence
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_in_any_script_are_accepted_exactly(name, db_url):
    import unicodedata

    assert ident.validate_name(name) == unicodedata.normalize("NFC", name)
    s = page_before_sign_in(db_url)
    s.set_identity(ident.sign_in(name))
    assert s.store().learner(ident.learner_key(name))["display_name"] == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize("raw, says", [
    ("Sam\u202eadmin", "text-direction control"), ("\u2066Sam\u2069", "text-direction control"),
    ("Sam\u202a", "text-direction control"),
    ("Sam\u200b", "invisible or control"), ("Sam\ufeff", "invisible or control"),
    ("co\u00adoperate", "invisible or control"), ("Sam\u2060Lee", "invisible or control"),
    ("\u200dSam", "invisible or control"), ("Sam\u200c", "invisible or control"),  # a joiner at an edge
    ("Sam \u200c Lee", "invisible or control"),  # a joiner between spaces joins nothing
    ("Sam\U000E0041", "invisible or control"),  # a tag outside a flag
    ("🏴\U000E0067\U000E0062", "invisible or control"),  # a flag's tags without the cancel tag
    ("\x07Sam", "invisible or control"), ("Sam\x1b[31m", "invisible or control"),
    ("\u0301\u0301", "can be seen"), ("\u3164", "can be seen"), ("\u2800 \u3164", "can be seen"),
])
def test_what_hides_or_disguises_a_name_is_refused_with_the_reason(raw, says):
    with pytest.raises(ValueError, match=says):
        ident.validate_name(raw)


def test_a_joiner_typed_on_one_keyboard_and_not_another_is_the_same_learner():
    assert ident.learner_key("زهرا محمد\u200cزاده") == ident.learner_key("زهرا محمدزاده")
    assert ident.learner_key("Sam 👍") == ident.learner_key("sam 👍\ufe0f")
    assert ident.learner_key("王小明") != ident.learner_key("王小")
