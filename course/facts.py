"""How a figure is shown: the number, what it measures, where it is from and as of when."""
from __future__ import annotations

from course.schema.facts import Fact
from course.ui.common import esc


class FactView:
    def __init__(self, fact: Fact):
        self.fact = fact

    def _repr_html_(self) -> str:
        f = self.fact
        live = (' <span class="course-hint">Figures like this are updated regularly: check the source '
                'for the current edition.</span>') if f.check_live else ""
        note = f' <span class="course-hint">{esc(f.note)}</span>' if f.note else ""
        return (f'<figure class="course-fact"><p class="course-fact-figure">{esc(f.display)}</p>'
                f'<figcaption><strong>{esc(f.label)}</strong> ({esc(f.region)}).<br>'
                f'Source: <a href="{esc(f.url)}" rel="noopener" target="_blank">{esc(f.source)}</a>, '
                f'as of {esc(f.as_of)}.{live}{note}</figcaption></figure>')

    def __repr__(self) -> str:
        f = self.fact
        return f"{f.display}: {f.label} ({f.region}). Source: {f.source}, as of {f.as_of}."
