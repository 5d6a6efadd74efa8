"""The learner's starting profile form (lesson 00): filled once, saved, restored, editable later.

Every value is checked here in the kernel against the Profile model and the options offered;
messages say what to fix in plain words. Later lessons read the profile with load_profile().
"""
from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from ..profile import DEGREES, FIELDS, GOAL_MAX, STAGES, Profile, load_profile, save_profile
from .common import esc, html_box, rejected, save_note, status_html
from .header import link

CHOOSE = "Choose…"
YEARS_FOR = ("graduate", "clinician", "new-manager")  # stages asked for years of clinical practice
PLANNER_NOTEBOOK = "02-education.ipynb"

# What each field of the model is called on the form, for messages.
FIELD_NAMES = {
    "stage": "Where you are now", "field": "Clinical field", "clinical_years": "Years of clinical practice",
    "degrees": "Degrees", "licensed": "License", "leadership_roles": "Leadership roles",
    "hours_per_week": "Hours a week", "goals": "Your goals",
}


def _message(error: dict) -> str:
    """One pydantic error as a sentence a learner can act on."""
    name = error["loc"][0] if error["loc"] else ""
    if name == "stage":
        return "Choose where you are now."
    if name == "field":
        return "Choose a clinical field (or “Other or not sure yet”)."
    if name == "clinical_years":
        return "Years of clinical practice: use a whole number from 0 to 50."
    if name == "hours_per_week":
        return "Hours a week: use a whole number from 1 to 40."
    if name == "goals":
        return f"Your goals: please keep them under {GOAL_MAX} characters."
    return f"{FIELD_NAMES.get(name, 'A value')}: {error['msg']}."


class ProfileForm(w.VBox):
    def __init__(self, session, planner_notebook: str | None = None):
        super().__init__()
        self.session = session
        self.planner_notebook = planner_notebook  # lesson 02, when it is published
        self.saved: Profile | None = None
        self.add_class("course-card")
        self.add_class("course-profile")
        self.add_class("course-form")
        wide = w.Layout(width="100%")
        initial = {"description_width": "initial"}

        self.stage = w.Dropdown(options=[(CHOOSE, None)] + [(v, k) for k, v in STAGES.items()], index=0,
                                description="Where you are now", style=initial, layout=wide)
        self.years = w.IntText(value=0, description="Years of clinical practice so far", style=initial)
        self.field = w.Dropdown(options=[(CHOOSE, None)] + [(v, k) for k, v in FIELDS.items()], index=0,
                                description="Clinical field you work in or are drawn to", style=initial,
                                layout=wide)
        self.degrees = {k: w.Checkbox(value=False, description=v, indent=False, layout=wide)
                        for k, v in DEGREES.items()}
        self.licensed = w.Checkbox(value=False, indent=False, layout=wide,
                                   description="I hold a clinical license now (for example RN, physician, "
                                               "psychologist or therapist)")
        self.leadership = w.Checkbox(value=False, indent=False, layout=wide,
                                     description="I have held a leadership role at work (for example charge "
                                                 "nurse, shift lead, preceptor or committee chair)")
        self.hours = w.IntText(value=3, description="Hours a week you can give to this course and your development",
                               style=initial)
        self.goals = w.Textarea(value="", description="Your goals", style=initial,
                                placeholder="For example: lead a unit within five years; learn to read a budget…",
                                layout=w.Layout(width="100%", height="6em"))
        self.save_button = w.Button(description="Save my profile", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box("", "course-profile-status")
        self.problems = html_box("", "course-profile-problems")  # what to fix, as a list
        self.summary = html_box("", "course-profile-summary")

        self.years_box = w.VBox([self.years, html_box(
            '<p class="course-hint">Count the years you have worked as a clinician (0 if none yet).</p>')])
        self.children = [
            html_box('<p class="course-eyebrow">Exercise · your starting profile</p>'
                     '<h3 class="course-h3">Where are you starting from?</h3>'
                     '<p>Answer for yourself as you are today. Later lessons use this profile to '
                     'build your pathway, check certifications and suggest next steps, so they do '
                     'not ask again. You can change it here at any time.</p>'),
            self.stage, self.years_box, self.field,
            html_box('<p class="course-form-label">Degrees you already hold (check all that apply; '
                     'leave all unticked if none yet)</p>'),
            w.VBox(list(self.degrees.values()), layout=w.Layout(margin="0 0 0.5em 1em")),
            self.licensed, self.leadership, self.hours, self.goals,
            html_box(f'<p class="course-hint">Up to {GOAL_MAX} characters. Only you and, if you join a '
                     f'cohort, your mentor can see your profile.</p>'),
            w.HBox([self.save_button, self.status]), self.problems, self.summary,
        ]
        self.stage.observe(lambda _c: self._show_years(), names="value")
        self._show_years()
        self._restore()
        session.on_identity(self._refresh)

    # --- reading the form -----------------------------------------------------------------------

    def _show_years(self) -> None:
        self.years_box.layout.display = None if self.stage.value in YEARS_FOR else "none"

    def values(self) -> dict:
        """The form's values as the Profile model expects them (unchecked)."""
        asked_years = self.stage.value in YEARS_FOR
        return {
            "stage": self.stage.value, "field": self.field.value,
            "clinical_years": self.years.value if asked_years else 0,
            "degrees": tuple(k for k, box in self.degrees.items() if box.value is True),
            "licensed": self.licensed.value is True, "leadership_roles": self.leadership.value is True,
            "hours_per_week": self.hours.value,
            "goals": self.goals.value if isinstance(self.goals.value, str) else "",
        }

    def validate(self) -> tuple[Profile | None, list[str]]:
        """The profile, or the messages that say what to fix."""
        data = self.values()
        for name, options in (("stage", STAGES), ("field", FIELDS)):
            if data[name] is not None and data[name] not in options:
                rejected("profile form", data[name])  # no honest page sends an option it was not offered
                return None, ["Please choose again from the list."]
        for name in ("clinical_years", "hours_per_week"):
            if not isinstance(data[name], int) or isinstance(data[name], bool):
                rejected("profile form", data[name])
                return None, [_message({"loc": (name,), "msg": ""})]
        goals = data["goals"].replace("\x00", "").strip()
        if len(goals) > GOAL_MAX:
            return None, [f"Your goals: please keep them under {GOAL_MAX} characters (now {len(goals)})."]
        try:
            return Profile.model_validate(data), []
        except ValidationError as exc:
            return None, list(dict.fromkeys(_message(e) for e in exc.errors()))

    # --- saving and showing ---------------------------------------------------------------------

    def save(self) -> None:
        profile, problems = self.validate()
        if profile is None:
            items = "".join(f"<li>{esc(p)}</li>" for p in problems)
            self.status.value = status_html("warn", "Not saved yet: please fix what is listed below.")
            self.problems.value = f'<ul class="course-form-problems">{items}</ul>'
            return
        self.problems.value = ""
        saved = save_profile(self.session, profile)
        self.saved = profile
        self.status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))
        self.save_button.description = "Save changes"
        self._show_summary(profile)

    def _show_summary(self, profile: Profile) -> None:
        degrees = ", ".join(DEGREES[d] for d in profile.degrees) or "none yet"
        rows = [
            ("Where you are now", profile.describe()),
            ("Degrees", degrees),
            ("Clinical license", "yes" if profile.licensed else "not yet"),
            ("Leadership roles so far", "yes" if profile.leadership_roles else "not yet"),
            ("Time for the course", f"{profile.hours_per_week} hours a week"),
            ("Your goals", profile.goals or "not written yet"),
        ]
        body = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
        planner = ""
        if self.planner_notebook:
            href = link(self.planner_notebook, self.session)  # carries the sign-in along in Voila
            planner = (f'<p>Lesson 02 builds your pathway from this profile: '
                       f'<a href="{esc(href)}">open the pathway planner</a>.</p>')
        self.summary.value = (f'<table class="course-table course-profile-table"><caption>Your starting profile</caption>'
                              f'<tbody>{body}</tbody></table>{planner}')

    # --- restoring ------------------------------------------------------------------------------

    def _restore(self) -> None:
        profile = load_profile(self.session)
        if profile is None:
            return
        self.saved = profile
        self.stage.value = profile.stage
        self.years.value = profile.clinical_years
        self.field.value = profile.field
        for key, box in self.degrees.items():
            box.value = key in profile.degrees
        self.licensed.value = profile.licensed
        self.leadership.value = profile.leadership_roles
        self.hours.value = profile.hours_per_week
        self.goals.value = profile.goals
        self.save_button.description = "Save changes"
        self.status.value = status_html("ok", "Your saved profile is shown: change anything and save again.")
        self._show_summary(profile)

    def _refresh(self) -> None:
        """Signed in after the page opened: show their saved profile unless they started typing."""
        if self.saved is None and self.stage.value is None and self.field.value is None:
            self._restore()
