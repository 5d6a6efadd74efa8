"""Every text box in the course sends its value when it loses focus, not on every keystroke.

Why: the browser holds back a box's next value while the kernel has not yet answered the last one
(ipywidgets' message throttle), but a button's click is sent at once. With a value sent on every
keystroke, a click that follows the typing quickly reaches a busy kernel before the last characters
do, and the save stores the text cut short: the journey browser test saw "... as my mentor" saved
as "... as my" on a busy server. Sent on change, the value goes out as the box loses focus (the
press on the button), before the click, because nothing of that box is still waiting.
"""
import ast
from pathlib import Path

from ..conftest import ROOT

WIDGETS = ROOT / "course" / "ui"


def text_boxes():
    for path in sorted(WIDGETS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("Text", "Textarea") and getattr(node.func.value, "id", None) == "w":
                yield path.name, node


def test_every_text_box_sends_its_value_on_change():
    found = list(text_boxes())
    assert len(found) > 20  # the scan finds the course's boxes
    continuous = [f"{name}:{node.lineno}" for name, node in found
                  if not any(k.arg == "continuous_update" and isinstance(k.value, ast.Constant) and k.value.value is False
                             for k in node.keywords)]
    assert continuous == [], f"text boxes sending every keystroke (add continuous_update=False): {continuous}"
