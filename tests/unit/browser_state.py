"""What the browser can read of a widget tree: the synced state of every widget in it."""
from __future__ import annotations

import json


def browser_state(widget) -> str:
    """Every trait of every widget in the tree, one JSON text per widget (non-ASCII kept as typed,
    so a test looking for a learner's text or an answer finds it however it is spelled)."""
    seen, out = set(), []

    def walk(wid):
        if id(wid) in seen:
            return
        seen.add(id(wid))
        out.append(json.dumps(wid.get_state(), default=str, ensure_ascii=False))
        for child in getattr(wid, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(out)
