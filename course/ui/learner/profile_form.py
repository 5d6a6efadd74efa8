"""The learner's starting profile form (lesson 00): filled once, saved, restored, editable later.

Every value is checked here in the kernel against the Profile model and the options offered;
messages say what to fix in plain words. Later lessons read the profile with load_profile().
"""
from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from course.numbers import format_number, read_number
from course.engine.profile import (DEGREES, FIELDS, GOAL_MAX, HOURS_MAX, HOURS_MIN, PROFILE_ITEM, PROFILE_LESSON, STAGES,
                       YEARS_MAX, Profile, load_profile, save_profile)
from course.ui.common import (KEPT_NOTE, Draft, choice_dropdown, esc, html_box, problems_html, rejected, save_note,
                              status_html)
from course.ui.learner.header import link

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
        return f"Years of clinical practice: use a number from 0 to {YEARS_MAX}."
    if name == "hours_per_week":
        return f"Hours a week: use a number from {HOURS_MIN} to {HOURS_MAX}."
    if name == "goals":
        return f"Your goals: please keep them under {GOAL_MAX} characters."
    return f"{FIELD_NAMES.get(name, 'A value')}: {error['msg']}."


class ProfileForm(w.VBox):
    def __init__(self, session, planner_notebook: str | None = None):
        super().__init__()
        self.session = session
        self.planner_notebook = planner_notebook  # lesson 02, when it is published
        self.saved: Profile | None = None
        self.draft = Draft(session, PROFILE_LESSON, PROFILE_ITEM)
        self.add_class("course-card")
        self.add_class("course-profile")
        self.add_class("course-form")
        wide = w.Layout(width="100%")
        initial = {"description_width": "initial"}

        self.stage = choice_dropdown([(v, k) for k, v in STAGES.items()], "Where you are now", style=initial,
                                     layout=wide)
        # Text boxes read by course/numbers.py: "1.5" stays 1.5 and "six" is refused, never changed.
        self.years = w.Text(continuous_update=False, value="", description="Years of clinical practice so far", placeholder="e.g. 6 or 1.5",
                            style=initial)
        self.field = choice_dropdown([(v, k) for k, v in FIELDS.items()], "Clinical field you work in or are drawn to",
                                     style=initial, layout=wide)
        self.degrees = {k: w.Checkbox(value=False, description=v, indent=False, layout=wide)
                        for k, v in DEGREES.items()}
        self.licensed = w.Checkbox(value=False, indent=False, layout=wide,
                                   description="I hold a clinical license now (for example RN, physician, "
                                               "psychologist or therapist)")
        self.leadership = w.Checkbox(value=False, indent=False, layout=wide,
                                     description="I have held a leadership role at work (for example charge "
                                                 "nurse, shift lead, preceptor or committee chair)")
        self.hours = w.Text(continuous_update=False, value="3", description="Hours a week you can give to this course and your development",
                            placeholder="e.g. 3", style=initial)
        self.goals = w.Textarea(continuous_update=False, value="", description="Your goals", style=initial,
                                placeholder="For example: lead a unit within five years; learn to read a budget…",
                                layout=w.Layout(width="100%", height="6em"))
        self.save_button = w.Button(description="Save my profile", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box("", "course-profile-status")
        self.problems = html_box("", "course-profile-problems")  # what to fix, as a list
        self.summary = html_box("", "course-profile-summary")

        self.years_box = w.VBox([self.years, html_box(
            '<p class="course-hint">Count the years you have worked as a clinician (0 if none yet; '
            '1.5 for a year and a half).</p>')])
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
        """The form as typed (numbers still as text): what a refused save keeps as the draft."""
        return {
            "stage": self.stage.value, "field": self.field.value,
            "clinical_years": self.years.value, "hours_per_week": self.hours.value,
            "degrees": [k for k, box in self.degrees.items() if box.value is True],
            "licensed": self.licensed.value is True, "leadership_roles": self.leadership.value is True,
            "goals": self.goals.value if isinstance(self.goals.value, str) else "",
        }

    def _number(self, name: str, unit: str, low: float, high: float, problems: list[str]) -> float | None:
        typed = self.values()[name]
        reading = read_number(typed, unit)
        if not reading.ok:
            problems.append(f"{FIELD_NAMES[name]}: {reading.problem}")
        elif not low <= reading.value <= high:
            problems.append(f"{FIELD_NAMES[name]}: use a number from {low} to {high} (you typed “{reading.typed}”).")
        else:
            return round(reading.value, 2)
        return None

    def validate(self) -> tuple[Profile | None, list[str]]:
        """The profile, or the messages that say which field needs what."""
        data = self.values()
        for name, options in (("stage", STAGES), ("field", FIELDS)):
            if data[name] is not None and data[name] not in options:
                rejected("profile form", data[name])  # no honest page sends an option it was not offered
                return None, ["Please choose again from the list."]
        problems: list[str] = []
        years = self._number("clinical_years", "years", 0, YEARS_MAX, problems) \
            if data["stage"] in YEARS_FOR else 0
        hours = self._number("hours_per_week", "hours a week", HOURS_MIN, HOURS_MAX, problems)
        goals = data["goals"].replace("\x00", "").strip()
        if len(goals) > GOAL_MAX:
            problems.append(f"Your goals: please keep them under {GOAL_MAX} characters (now {len(goals)}).")
        checked = {**data, "clinical_years": years or 0, "hours_per_week": hours or HOURS_MIN, "goals": goals[:GOAL_MAX]}
        try:
            profile = Profile.model_validate(checked)
        except ValidationError as exc:
            problems = [_message(e) for e in exc.errors()] + problems
            profile = None
        if problems:
            return None, list(dict.fromkeys(problems))
        return profile, []

    # --- saving and showing ---------------------------------------------------------------------

    def save(self) -> None:
        profile, problems = self.validate()
        if profile is None:
            self.draft.keep(self.values())
            self.status.value = status_html("warn", f"Not saved yet: please fix what is listed below. {KEPT_NOTE}")
            self.problems.value = problems_html(problems)
            return
        self.problems.value = ""
        saved = save_profile(self.session, profile)
        self.draft.clear()
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
            ("Time for the course", f"{format_number(profile.hours_per_week)} hours a week"),
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
        if profile is not None:
            self.saved = profile
            self._apply(profile.model_dump(mode="json") | {
                "clinical_years": format_number(profile.clinical_years),
                "hours_per_week": format_number(profile.hours_per_week)})
            self.save_button.description = "Save changes"
            self.status.value = status_html("ok", "Your saved profile is shown: change anything and save again.")
            self._show_summary(profile)
        draft = self.draft.load()
        if draft is not None:  # a save that was refused last time: what was typed comes back, with why
            self._apply(draft)
            _profile, problems = self.validate()
            self.status.value = status_html("warn", "Your changes from last time are shown, not saved yet: "
                                                    "please fix what is listed below, then save.")
            self.problems.value = problems_html(problems)

    def _apply(self, values: dict) -> None:
        """Put values (a saved profile or a draft) back in the form; anything that no longer fits is skipped."""
        def text(key, default=""):
            value = values.get(key, default)
            return value if isinstance(value, str) else default

        self.stage.value = values.get("stage") if values.get("stage") in STAGES else None
        self.field.value = values.get("field") if values.get("field") in FIELDS else None
        self.years.value, self.hours.value, self.goals.value = text("clinical_years"), text("hours_per_week"), text("goals")
        degrees = values.get("degrees") if isinstance(values.get("degrees"), list) else []
        for key, box in self.degrees.items():
            box.value = key in degrees
        self.licensed.value = values.get("licensed") is True
        self.leadership.value = values.get("leadership_roles") is True

    def _refresh(self) -> None:
        """Signed in after the page opened: show their saved profile unless they started typing."""
        if self.saved is None and self.stage.value is None and self.field.value is None:
            self._restore()
