"""One learner's journey through the whole course in Voila and Chromium, as a person makes it.

Zahra signs in once, starts at the course home, follows its link to lesson 00 and from each lesson
the lesson's own "Lesson N: … →" link to the next, down to the capstone (lesson 10). On every page
she answers a self-check, uses each tool once with what a person types (decimals, units, commas,
words, emoji, names in several scripts), writes the reflection, reloads the page (a new kernel) and
finds it all again. At the capstone the plan lists what she saved on the way; she sets goals for
three horizons, finds them after a reload and downloads the plan as a web page and as Markdown,
which hold her goals and her name exactly as typed (the zero-width non-joiner included).

Every click and keystroke goes through tests/browser/person.py: the mouse wheel reaches it first.
The per-lesson tests check each tool in depth; this one checks that they hold together.
"""
import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course.engine import budget
from course import catalog
from course.identity import learner_key
from course.numbers import format_number

from ..conftest import ROOT
from . import person
from .answers import CHANGE_PLAN, SELECTED, expect_answers, expect_change_plan, fill_change_plan, type_answers
from .conftest import PATIENCE_MS, sign_in, wait_rendered

pytestmark = pytest.mark.browser
CAT = catalog.load()
NAME = "Zahra محمد\u200cزاده"  # Latin and Persian, with the zero-width non-joiner Persian spelling needs
SHOTS = ROOT / "screenshots"



def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}.png"))  # the window, as she sees it


def saved(server) -> dict:
    """Every item's latest event for the learner, from the server's store."""
    return server.accounts().store.latest_state(learner_key(NAME))


def follow(page, link, notebook: str) -> None:
    """Click a course link as a person does and wait for the page it leads to."""
    person.click(page, link)
    page.wait_for_url(re.compile(re.escape(notebook) + r"$"))
    wait_rendered(page)


def next_lesson(page, lesson_id: str) -> None:
    """Press End, as a keyboard user does after a reload, and follow the lesson's own link to the next."""
    ids = [x.id for x in CAT.published()]
    nxt = CAT.published()[ids.index(lesson_id) + 1]
    person.press_key(page, "End")
    footer = page.locator(".course-footer")
    follow(page, footer.get_by_role("link", name=f"Lesson {nxt.number}: {nxt.title} →", exact=True), nxt.notebook)
    assert page.locator("h1").first.inner_text() == nxt.title


def reload(page) -> None:
    page.reload()
    wait_rendered(page)


# --- self-checks and reflections, the same on every page ------------------------------------------

def typed_answer(item) -> str:
    """A numeric answer as the page writes it, with its unit: "2,080 hours", "4 years"."""
    return f"{format_number(CAT.answer_of(item))} {item.unit}"


def answer_self_check(page, item_id: str) -> None:
    """Choose the right option, or type the number with its unit, and check it."""
    item = CAT.items[item_id]
    card = page.locator(f".course-item-{item_id}")
    if item.kind == "numeric":
        person.type_into(page, card.get_by_label("Your answer"), typed_answer(item))
    else:
        assert item.kind == "single", item.kind
        person.click(page, card.get_by_role("radio", name=next(o.text for o in item.options if o.correct), exact=True))
    person.click(page, card.get_by_role("button", name="Check answer"))
    expect(card.locator(".course-feedback")).to_contain_text("Correct on the first try.")


def assert_self_check_restored(page, item_id: str) -> None:
    item = CAT.items[item_id]
    card = page.locator(f".course-item-{item_id}")
    expect(card.locator(".course-feedback")).to_contain_text("Correct on the first try.")
    if item.kind == "numeric":
        expect(card.get_by_label("Your answer")).to_have_value(typed_answer(item))
    else:
        expect(card.get_by_role("radio", name=next(o.text for o in item.options if o.correct), exact=True)).to_be_checked()


def write_reflection(page, text: str) -> None:
    box = page.locator(".course-reflection")
    person.type_into(page, box.get_by_label("Your reflection"), text)
    person.click(page, box.get_by_role("button", name="Save reflection"))
    expect(box).to_contain_text("Saved to your progress.")


def assert_reflection_restored(page, text: str) -> None:
    box = page.locator(".course-reflection")
    expect(box.get_by_label("Your reflection")).to_have_value(text)
    expect(box).to_contain_text("Your saved reflection is shown")


REFLECTIONS = {
    "start-here": "I want to find out whether running a unit suits me 🙂 — می‌خواهم ببینم مدیریت برایم مناسب است.",
    "the-role": "Less bedside time than I thought, more budget 💡. Ask 山田 先生 how she split her week.",
    "education": "An MHA part-time while I work: 5 years, maybe 6. Worth it? 🤔 Talk to Siobhán in HR.",
    "clinical-experience": "Precepting taught me more about leading than any course 📚 — Aiko said so too.",
    "into-management": "Business skills are my gap (2 of 5). 880 hours to go for the CNML ⏳.",
    "leading-teams": "Leading Kofi and Mei, my old night crew, will be the hard part 😬. Coffee first.",
    "communication": "My SBAR was too long: 4 sentences would do. Practice with Ünal on Tuesday ☕.",
    "operations-toolkit": "51.1 FTEs, not 44: paid hours, not worked hours! 🧮 Ask finance for the March report.",
    "quality-safety": "Six points below the median is a shift, not luck 📉. Show the chart at the huddle.",
    "people-staffing": "27.5 patients at 1:4 is 7 nurses, 36.4 FTEs with cover 🗓️. More than I guessed.",
    "capstone": "Three goals, one mentor, one date in the diary 🎯✨ — قدم به قدم, step by step.",
}


# --- the lessons ---------------------------------------------------------------------------------

PROFILE_GOALS = "Lead a cardiac step-down unit 👩‍⚕️ by 2030, with Dr. Ngozi Okonkwo-Ávila as my mentor"


def start_here(page, server):
    form = page.locator(".course-profile")
    form.get_by_label("Where you are now").select_option(label="Practicing clinician")
    person.type_into(page, form.get_by_label("Years of clinical practice so far"), "1.5")
    form.get_by_label("Clinical field you work in or are drawn to").select_option(label="Nursing")
    person.click(page, form.get_by_label("Bachelor of Science in Nursing (BSN)"))
    person.click(page, form.get_by_label(re.compile("I hold a clinical license now")))
    person.type_into(page, form.get_by_label("Hours a week you can give to this course and your development"), "4")
    person.type_into(page, form.get_by_label("Your goals"), PROFILE_GOALS)
    person.click(page, form.get_by_role("button", name="Save my profile"))
    expect(form.locator(".course-profile-table")).to_contain_text(
        "Practicing clinician with 1.5 years of practice; field: Nursing")
    assert saved(server)["start-here/profile"]["response"]["clinical_years"] == 1.5


def start_here_restored(page, server, noted):
    form = page.locator(".course-profile")
    expect(form).to_contain_text("Your saved profile is shown")
    expect(form.get_by_label("Years of clinical practice so far")).to_have_value("1.5")
    expect(form.get_by_label("Bachelor of Science in Nursing (BSN)")).to_be_checked()
    expect(form.get_by_label("Your goals")).to_have_value(PROFILE_GOALS)
    expect(form.locator(".course-profile-table")).to_contain_text("1.5 years of practice")
    person.reach(page, form.get_by_label("Your goals"))
    shot(page, "00-profile-after-reload")


DUTIES = CAT.exercises["duty-sort"]
# she sorts most cards as a manager would, and one differently: the feedback says where it usually goes
ODD_CARD = DUTIES.cards[2]
ODD_PLACE = next(c for c in DUTIES.categories if c.id != ODD_CARD.answer)
SORTED = f"{len(DUTIES.cards) - 1} of {len(DUTIES.cards)} sorted as most managers would."
INVENTORY = [c for c in DUTIES.cards if c.answer == DUTIES.inventory_category]


def the_role(page, server):
    sort = page.locator(".course-sort")
    labels = {c.id: c.label for c in DUTIES.categories}
    for card in DUTIES.cards:
        sort.get_by_role("combobox", name=card.text, exact=True).select_option(
            label=ODD_PLACE.label if card is ODD_CARD else labels[card.answer])
    person.click(page, sort.get_by_role("button", name="Check my sorting"))
    expect(sort.locator(".course-feedback").first).to_contain_text(SORTED)
    person.click(page, sort.get_by_role("checkbox", name=INVENTORY[0].text, exact=True))
    person.click(page, sort.get_by_role("button", name="Save my inventory"))
    expect(sort).to_contain_text(f"You already practice 1 of the {len(INVENTORY)} manager duties")


def the_role_restored(page, server, noted):
    sort = page.locator(".course-sort")
    expect(sort).to_contain_text(SORTED)
    assert sort.get_by_role("combobox", name=ODD_CARD.text, exact=True).evaluate(SELECTED) == ODD_PLACE.label
    expect(sort.get_by_role("checkbox", name=INVENTORY[0].text, exact=True)).to_be_checked()
    expect(sort.get_by_role("checkbox", name=INVENTORY[1].text, exact=True)).not_to_be_checked()


MHA = next(g.name for g in CAT.pathways.options_for("nursing") if g.id == "mha")


def education(page, server):
    planner = page.locator(".course-planner")
    expect(planner).to_contain_text("Practicing clinician with 1.5 years of practice; field: Nursing")
    planner.get_by_label("Graduate degree").select_option(label=MHA)
    planner.get_by_label("Years of clinical practice before you apply (in all)").select_option(label="5 years")
    expect(planner.locator(".course-planner-steps")).to_contain_text(
        "Master of Health Administration (MHA), part-time")
    person.click(page, planner.get_by_role("button", name="Save this plan"))
    expect(planner).to_contain_text("Saved to your progress")
    choices = saved(server)["education/pathway"]["response"]["choices"]
    assert choices["graduate"] == "mha" and choices["practice_years"] == 5 and choices["pace"] == "part-time"


def education_restored(page, server, noted):
    planner = page.locator(".course-planner")
    expect(planner).to_contain_text("Your saved plan is shown")
    assert planner.get_by_label("Graduate degree").evaluate(SELECTED) == MHA
    assert planner.get_by_label("Years of clinical practice before you apply (in all)").evaluate(SELECTED) == "5 years"
    expect(planner.get_by_role("radio", name="Part-time, while working")).to_be_checked()
    expect(planner.locator(".course-planner-steps")).to_contain_text("Master of Health Administration (MHA), part-time")


LOG_ENTRY = "Precepted 佐藤 Aiko and José Núñez through their first 6 weeks on nights"
LOG_NOTE = "Both passed orientation ✅; I learned to give feedback the same day, not at the end."


def clinical_experience(page, server):
    log = page.locator(".course-log")
    person.type_into(page, log.get_by_label("What did you do?"), LOG_ENTRY)
    log.get_by_label("Month").select_option(label="October")
    log.get_by_label("Year").select_option(label="2025")
    log.get_by_label("Competency domain it built most").select_option(label="Leadership")
    person.type_into(page, log.get_by_label("Note (optional)"), LOG_NOTE)
    person.click(page, log.get_by_role("button", name="Add to my log"))
    expect(log.locator(".course-status-ok")).to_contain_text(f"Added “{LOG_ENTRY}”")


def clinical_experience_restored(page, server, noted):
    log = page.locator(".course-log")
    expect(log).to_contain_text("Your log (1 entry, newest first)")
    listing = log.locator(".course-log-list")
    expect(listing).to_contain_text(LOG_ENTRY)
    expect(listing).to_contain_text("October 2025 · Leadership")
    expect(listing).to_contain_text(LOG_NOTE)


RATINGS = {"communication": 4, "leadership": 4, "professionalism": 4, "healthcare-environment": 3, "business": 2}
CNML_HOURS = "1,200 hours"
CNML_TO_GO = format_number(CAT.facts["cnml-hours-bsn"].value - 1200)


def into_management(page, server):
    card = page.locator(".course-assessment")
    expect(card).to_contain_text("Practicing clinician with 1.5 years of practice")
    sa = CAT.self_assessment
    labels = {level.value: level.label for level in sa.scale}
    for domain in sa.domains:
        for statement in domain.statements:
            card.get_by_label(statement.text, exact=True).select_option(label=labels[RATINGS[domain.competency]])
    person.click(page, card.get_by_role("button", name="Save my ratings"))
    results = card.locator(".course-assessment-results")
    expect(results).to_contain_text("Saved to your progress")
    expect(results).to_contain_text("Your weakest domains are: Business Skills and Knowledge and Knowledge of the Healthcare Environment.")
    assert "Business skills 2.0" in card.locator("img.course-figure").get_attribute("alt")

    certs = page.locator(".course-certs")
    expect(certs.get_by_label("I hold an unrestricted registered nurse (RN) license")).to_be_checked()  # from her profile
    hours = certs.get_by_label("Hours worked in a nurse manager or nurse leader role (hours)")
    person.type_into(page, hours, CNML_HOURS)
    person.click(page, certs.get_by_role("button", name="Check my eligibility"))
    cnml = certs.locator("tr.course-cert-cnml")
    expect(cnml).to_contain_text(f"Eligible after {CNML_TO_GO} more hours in a nurse manager role")


def into_management_restored(page, server, noted):
    card = page.locator(".course-assessment")
    expect(card.get_by_role("button", name="Take it again")).to_be_visible()
    assert "Business skills 2.0" in card.locator("img.course-figure").get_attribute("alt")
    certs = page.locator(".course-certs")
    expect(certs.get_by_label("Hours worked in a nurse manager or nurse leader role (hours)")).to_have_value(CNML_HOURS)
    expect(certs.locator("tr.course-cert-cnml")).to_contain_text(f"Eligible after {CNML_TO_GO} more hours")


MATCHED = ("New graduate on nights 🌙", "Leading the 03:00 safety huddle for the first time")


def leading_teams(page, server):
    scenario = page.locator(".course-scenario-former-peers")
    expect(scenario).to_contain_text("Decision 1")
    first = CAT.scenarios["former-peers"].node(CAT.scenarios["former-peers"].start).choices[0]
    person.click(page, scenario.get_by_role("button", name=first.text))
    expect(scenario.locator(".course-feedback")).to_contain_text("You chose:")

    content = CAT.style_matcher
    matcher = page.locator(".course-matcher")
    person.type_into(page, matcher.get_by_label("Person 1: role (not a name)"), MATCHED[0])
    person.type_into(page, matcher.get_by_label("Person 1: the task you would lead them on"), MATCHED[1])
    matcher.get_by_label("Person 1: experience with this task").select_option(
        label=next(x.label for x in content.experience if x.id == "new"))
    matcher.get_by_label("Person 1: confidence or willingness").select_option(
        label=next(x.label for x in content.confidence if x.id == "unsure"))
    person.click(page, matcher.get_by_role("button", name="Match the styles"))
    result = matcher.locator(".course-matcher-result")
    expect(result).to_contain_text("Telling (S1)")
    expect(result).to_contain_text(MATCHED[0])


def leading_teams_restored(page, server, noted):
    expect(page.locator(".course-scenario-former-peers")).to_contain_text("Decision 2")
    matcher = page.locator(".course-matcher")
    expect(matcher).to_contain_text("Your saved team is shown")
    expect(matcher.get_by_label("Person 1: role (not a name)")).to_have_value(MATCHED[0])
    expect(matcher.get_by_label("Person 1: the task you would lead them on")).to_have_value(MATCHED[1])
    expect(matcher.locator(".course-matcher-result")).to_contain_text("Telling (S1)")


SBAR = {
    "S: Situation": "6 North is 5 infusion pumps short, and a dose started 1.5 hours late last night.",
    "B: Background": "Biomed (Ravi Subramanian) pulled 5 pumps on Friday; batteries are back-ordered until the 14th.",
    "A: Assessment": "I think we will run short again this afternoon, when surgery sends 4 patients.",
    "R: Recommendation": "Please approve renting 5 pumps today, about $40 a day each; I will report back Friday at 12:00.",
}


def communication(page, server):
    sbar = page.locator(".course-sbar")
    type_answers(page, sbar, SBAR, exact=False)
    person.click(page, sbar.get_by_role("button", name="Save my draft"))
    expect(sbar.get_by_role("button", name="Check my draft")).to_be_visible()
    assert saved(server)["sbar-pumps"]["response"]["draft"]["recommendation"] == SBAR["R: Recommendation"]


def communication_restored(page, server, noted):
    sbar = page.locator(".course-sbar")
    expect(sbar).to_contain_text("Your saved draft is shown")
    expect_answers(sbar, SBAR, exact=False)




LAB = CAT.operations.budget_lab
FTE_STEP = LAB.steps[0]
FTE_FIELD = FTE_STEP.fields[0]
FTES = f"{budget.lab_answers(budget.month_row(budget.load_budget(), LAB.month))[FTE_FIELD.figure]:.1f}"  # "51.1"


def operations_toolkit(page, server):
    lab = page.locator(f".course-budget-step-{FTE_STEP.id}")
    person.type_into(page, lab.get_by_label(FTE_FIELD.label), FTES)  # as a person rounds it
    person.click(page, lab.get_by_role("button", name="Check"))
    expect(lab.locator(".course-feedback")).to_contain_text("Correct")

    plan = page.locator(".course-change-plan")
    fill_change_plan(page, plan)
    person.click(page, plan.get_by_role("button", name="Save my plan"))
    expect(plan).to_contain_text("Plan saved")
    expect(plan.locator(".course-plan-page")).to_contain_text(CHANGE_PLAN["How you will measure adoption"])


def operations_toolkit_restored(page, server, noted):
    lab = page.locator(f".course-budget-step-{FTE_STEP.id}")
    expect(lab.locator(".course-feedback")).to_contain_text("Correct")
    expect(lab.get_by_label(FTE_FIELD.label)).to_have_value(FTES)
    plan = page.locator(".course-change-plan")
    expect(plan).to_contain_text("Your saved plan is shown below")
    expect_change_plan(plan)


INDICATOR = "Falls per 1,000 patient days, 5 East"
# 13 months from January 2025; the last six below the median (2.9): a shift from Aug 2025
RUN_VALUES = ["3.4", "3.1", "3.6", "2.9", "3.3", "3.0", "3.5", "2.2", "2.4", "2.1", "2.3", "2.0", "2.2"]
SHIFT = "A shift: 6 points below the median, from Aug 2025 to Jan 2026."
PDSA = {
    "Aim: what will improve, by how much, by when": "Reduce falls on 5 East from 2.9 to 2.0 per 1,000 patient days by June 30",
    "The change you will test": "Purposeful hourly rounding for patients at high fall risk, nights only",
    "What you predict will happen": "Fewer falls on the test nights; each round takes about 2 minutes",
    "How you will know (the measures)": "Falls per 1,000 patient days; rounds done; call-light waits",
    "Who will run the test, and where": "Two night nurses on the east hallway",
    "When it starts and how long it runs": "Three nights from Monday",
}


def quality_safety(page, server):
    tool = page.locator(".course-run-chart")
    person.type_into(page, tool.get_by_label("Indicator", exact=True), INDICATOR)
    tool.get_by_label("Which way is better for this indicator?").select_option(
        label="Lower is better (e.g. falls or infections)")
    tool.get_by_label("First month: month").select_option(label="January")
    tool.get_by_label("First month: year").select_option(label="2025")
    person.type_into(page, tool.get_by_label("Monthly values, oldest first"), "\n".join(RUN_VALUES))
    person.click(page, tool.get_by_role("button", name="Draw my run chart"))
    expect(tool.locator(".course-run-status")).to_contain_text("Run chart drawn")
    expect(tool.locator(".course-run-findings")).to_contain_text(SHIFT)

    plan = page.locator(".course-pdsa-plan")
    expect(plan).to_contain_text(f"Your run chart's indicator: {INDICATOR}.")
    type_answers(page, plan, PDSA)
    person.click(page, plan.get_by_role("button", name="Save my PDSA plan"))
    expect(plan).to_contain_text("PDSA plan saved")


def quality_safety_restored(page, server, noted):
    tool = page.locator(".course-run-chart")
    expect(tool).to_contain_text("Your saved run chart is shown below")
    expect(tool.get_by_label("Indicator", exact=True)).to_have_value(INDICATOR)
    expect(tool.get_by_label("Monthly values, oldest first")).to_have_value("\n".join(RUN_VALUES))
    expect(tool.locator(".course-run-findings")).to_contain_text(SHIFT)
    plan = page.locator(".course-pdsa-plan")
    expect(plan).to_contain_text("Your saved plan is shown below")
    expect_answers(plan, PDSA)


GRID = {"Unit (optional)": "5 East, medical-surgical — Station 3", "Beds on the unit": "32",
        "Average census": "27.5", "Patients per nurse (for a ratio)": "1:4",
        "Staff on every shift who take no patients (optional)": "1",
        "Paid time off per FTE a year, in hours (optional)": "160 hours"}


def people_staffing(page, server):
    grid = page.locator(".course-staffing-grid")
    type_answers(page, grid, GRID)
    grid.get_by_label("How does your unit set staffing?").select_option(label="A ratio (patients per nurse)")
    grid.locator(".course-staffing-hppd").wait_for(state="hidden")  # the HPPD box goes: the form moves up
    grid.get_by_label("Shift length").select_option(label="12 hours")
    person.click(page, grid.get_by_role("button", name="Work out my staffing"))
    expect(grid.locator(".course-staffing-status")).to_contain_text("Staffing worked out")
    output = grid.locator(".course-staffing-output")
    expect(output).to_contain_text("8 staff on every shift and 36.4 FTEs at your average census.")
    expect(output).to_contain_text("27.5 ÷ 4 = 6.88, so 7 nurses")


def people_staffing_restored(page, server, noted):
    grid = page.locator(".course-staffing-grid")
    expect(grid).to_contain_text("Your saved grid is shown below")
    expect(grid.get_by_label("Average census", exact=True)).to_have_value("27.5")
    expect(grid.get_by_label("Unit (optional)", exact=True)).to_have_value(GRID["Unit (optional)"])
    expect(grid.locator(".course-staffing-output")).to_contain_text("36.4 FTEs")


GOALS = {  # typed by her; the 30 days' goal comes from "Use this suggestion"
    "Next action, 30 days": "Ask Mariana López on Tuesday to walk me through the March budget report 📊",
    "Goal, 1 year": "Finish the first year of the part-time MHA 🎓",
    "Next action, 1 year": "Apply to the MHA program by 1 March, with a reference from Dr. Okonkwo-Ávila",
    "Goal, 5 years": "Nurse manager of a cardiac step-down unit, 28 beds or more",
    "Next action, 5 years": "Ask 山田 先生 to let me shadow her at two budget meetings this spring",
}
DOMAINS = {"Domain, 1 year": "Professionalism", "Domain, 5 years": "Leadership"}
SUPPORTERS = ("Who will help you with this plan (a mentor, a sponsor, your manager)?",
              "Dr. Ngozi Okonkwo-Ávila (mentor) and 山田 先生 (sponsor)")


def capstone(page, server):
    summary = page.locator(".course-plan-summary")
    parts = summary.locator(".course-plan-part-list")
    expect(summary).to_contain_text("13 of 14 parts of your plan are saved")
    for line in ("Starting profile: Practicing clinician with 1.5 years of practice; field: Nursing.",
                 "Pathway: Nursing (registered nurse)", "Experience log: 1 entry, in 1 of 5 domains.",
                 "Readiness self-assessment: 1 take; weakest in the latest: Business skills, Healthcare environment.",
                 "Certifications: 7 certifications checked", "Scenario competency profile:",
                 "SBAR draft: Draft saved", "Budget lab: 1 of 4 steps worked through, 1 right.",
                 "Change plan: Plan saved", f"Run chart: {INDICATOR}, Jan 2025 to Jan 2026: the rules find a shift",
                 f"PDSA cycle: Aim: {next(iter(PDSA.values()))}",
                 f"Staffing grid: {GRID['Unit (optional)']}: 8 staff on every shift, 36.4 FTEs",
                 "Reflections: 10 reflections saved.", "Goals: You have not saved your goals yet"):
        expect(parts).to_contain_text(line)
    expect(summary.locator("ol.course-plan-steps")).to_contain_text("Master of Health Administration (MHA), part-time")

    builder = page.locator(".course-plan-builder")
    thirty = builder.locator(".course-plan-horizon-30-days")
    person.click(page, thirty.get_by_role("button", name="Use this suggestion"))
    suggested = page.get_by_label("Goal, 30 days", exact=True)
    expect(suggested).to_have_value(re.compile("^Strengthen my business skills and knowledge"))
    type_answers(page, page, GOALS)
    for label, domain in DOMAINS.items():
        page.get_by_label(label, exact=True).select_option(label=domain)
    person.type_into(page, page.get_by_label(SUPPORTERS[0]), SUPPORTERS[1])
    person.click(page, builder.get_by_role("button", name="Save my plan"))
    expect(builder.locator(".course-plan-status")).to_contain_text("3 goals saved. Saved to your progress.")
    expect(summary).to_contain_text("14 of 14 parts of your plan are saved")  # the list follows the save
    return suggested.input_value()  # the suggestion's words, to find again after the reload


def capstone_restored(page, server, noted):
    expect(page.get_by_label("Goal, 30 days", exact=True)).to_have_value(noted)
    expect_answers(page, GOALS)
    for label, domain in DOMAINS.items():
        assert page.get_by_label(label, exact=True).evaluate(SELECTED) == domain
    expect(page.get_by_label(SUPPORTERS[0])).to_have_value(SUPPORTERS[1])
    person.reach(page, page.get_by_label("Goal, 1 year", exact=True))
    shot(page, "10-goals-after-reload")
    expect(page.locator(".course-plan-builder").get_by_role("button", name="Save changes")).to_be_visible()
    parts = page.locator(".course-plan-summary .course-plan-part-list")
    expect(parts).to_contain_text("Reflections: 11 reflections saved.")  # the capstone's own, too
    expect(parts).to_contain_text("Goals: 3 goals set")

    export = page.locator(".course-plan-export")
    person.click(page, export.get_by_role("button", name="Prepare my plan"))
    expect(export).to_contain_text("Your plan is ready: 3 goals, and every part of the course is in it.")
    files = {}
    for name, suffix in (("Download my plan as a web page", "html"), ("Download my plan as Markdown", "md")):
        with page.expect_download() as download:
            person.click(page, export.get_by_role("link", name=re.compile(name)))
        assert download.value.suggested_filename == f"my-development-plan.{suffix}"
        files[suffix] = Path(download.value.path()).read_text(encoding="utf-8")
    shot(page, "capstone-downloads")
    web_page = html.unescape(files["html"])  # the text a browser shows
    markdown = files["md"]
    for text in [noted, *GOALS.values()]:  # none holds a character Markdown escapes
        assert text in web_page and text in markdown, text
    assert SUPPORTERS[1] in web_page and "Dr. Ngozi Okonkwo-Ávila \\(mentor\\) and 山田 先生 \\(sponsor\\)" in markdown
    assert f'<p class="who"><span dir="auto">{NAME}</span></p>' in files["html"]  # her name exactly, joiner kept
    assert markdown.startswith(f"# My development plan: {NAME}\n")


# Each lesson: its id, the self-check she answers first, what she does there, and what she finds
# after a reload (a new kernel). Every lesson also takes her reflection, and keeps both.
JOURNEY = [("start-here", "start-role-who", start_here, start_here_restored),
           ("the-role", "role-scope", the_role, the_role_restored),
           ("education", "edu-md-years", education, education_restored),
           ("clinical-experience", "clin-bsn-years", clinical_experience, clinical_experience_restored),
           ("into-management", "mgmt-cnml-hours", into_management, into_management_restored),
           ("leading-teams", "lead-plan-follow-through", leading_teams, leading_teams_restored),
           ("communication", "comm-positive-attitude", communication, communication_restored),
           ("operations-toolkit", "ops-part-time-fte", operations_toolkit, operations_toolkit_restored),
           ("quality-safety", "qs-trend-count", quality_safety, quality_safety_restored),
           ("people-staffing", "ppl-ratio-nurses", people_staffing, people_staffing_restored),
           ("capstone", "capstone-specific-action", capstone, capstone_restored)]


def go_through(page, server, lesson_id, first_check, work, restored) -> None:
    """One lesson as she meets it: a self-check, the lesson's own work and her reflection; then a
    reload, and all of it is there again."""
    answer_self_check(page, first_check)
    noted = work(page, server)
    write_reflection(page, REFLECTIONS[lesson_id])
    reload(page)
    assert_self_check_restored(page, first_check)
    restored(page, server, noted)
    assert_reflection_restored(page, REFLECTIONS[lesson_id])


def test_one_learner_goes_through_the_whole_course(voila, browser):
    assert [lesson[0] for lesson in JOURNEY] == [x.id for x in CAT.published()]  # every lesson, in order
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    page.set_default_navigation_timeout(PATIENCE_MS)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        sign_in(page, voila, NAME)
        page.goto(voila.url + "/voila/render/index.ipynb")
        wait_rendered(page)
        expect(page.locator(".course-who strong").first).to_have_text(NAME)  # her name exactly, joiner kept
        shot(page, "home")
        first = CAT.lesson("start-here")
        follow(page, page.locator(".course-home").get_by_role(
            "link", name=f"Lesson {first.number}: {first.title}", exact=True), first.notebook)
        for n, lesson in enumerate(JOURNEY):
            assert page.locator("h1").first.inner_text() == CAT.lesson(lesson[0]).title
            go_through(page, voila, *lesson)
            assert "Traceback" not in page.locator("#rendered_cells").inner_text()
            if n < len(JOURNEY) - 1:
                next_lesson(page, lesson[0])
        assert dialogs == []
    finally:
        context.close()
