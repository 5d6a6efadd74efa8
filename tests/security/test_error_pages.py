"""Whatever path a visitor types, the server answers with a page, never a 500 (the hardening issue
found Voila's template-file handler failing on any path it did not expect)."""
import pytest

from ..browser.conftest import PASSWORD
from ..visitor import Visitor

pytestmark = pytest.mark.browser
TYPED = ["/voila/templates/course/nope.css", "/voila/templates/nope/x", "/voila/templates/course/conf.json",
         "/voila/templates/", "/voila/templates/course/static/", "/voila/templates/course/static/nope.js",
         "/voila/templates/course/static/../../../../voila.json", "/nope", "/voila/render/nope.ipynb",
         "/voila/static/nope.js", "/voila/files/../voila.json", "/api/kernels/00000000-0000-0000-0000-000000000000",
         "/course/api/in-use/00000000-0000-0000-0000-000000000000", "/login?next=%00", "/invite/" + "x" * 20]


@pytest.mark.parametrize("signed_in", [False, True], ids=["stranger", "learner"])
def test_no_typed_path_makes_the_server_fail(server, signed_in):
    visitor = Visitor(server.url)
    if signed_in:
        visitor.sign_in(server.account("Pat Pathtyper"), PASSWORD)
    answers = {path: visitor.get(path) for path in TYPED}
    assert not {p: a.status for p, a in answers.items() if a.status >= 500}, {p: a.status for p, a in answers.items()}
    assert answers["/voila/templates/course/conf.json"].status == 404
    for path, answer in answers.items():
        assert "Traceback" not in answer.body and "site-packages" not in answer.body, path
    if signed_in:  # a person who types a wrong address reads where to go
        for path in ("/course/api/in-use/00000000-0000-0000-0000-000000000000", "/voila/templates/course/conf.json"):
            assert "No such page" in answers[path].body, path
    assert "Uncaught exception" not in server.log.read_text(errors="replace")


def test_the_page_template_still_gets_its_files(server):
    visitor = Visitor(server.url)
    visitor.sign_in(server.account("Pat Pathtyper"), PASSWORD)
    assert visitor.get("/voila/templates/lab/static/voila.js").status == 200
