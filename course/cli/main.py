"""The `course` command: check content, and (as the course grows) manage the store."""
from __future__ import annotations

import argparse
import json
import sys


def _words(nb_path) -> int:
    from course.notebooks import notebook_cells

    return sum(len("".join(c.get("source", "")).split()) for c in notebook_cells(nb_path)
               if c.get("cell_type") == "markdown")


INTERACTIVE = {"quiz", "exercise", "reflection", "scenario",
               "starting_profile", "planner"}  # lessons 00 and 02
# exercises called without an id, e.g. `course.self_assessment()`: the calls that build a part of the
# development plan (course/capstone/parts.py) and these
TOOLS = {"style_matcher", "plan_summary", "plan_export"}


def _tool_calls(nb_path) -> int:
    from course.capstone.parts import PARTS
    from course.notebooks import CALL as _CALL, notebook_cells

    tools = TOOLS | {part.call for part in PARTS} - INTERACTIVE
    return sum(fn in tools for c in notebook_cells(nb_path) if c.get("cell_type") == "code"
               for fn, _ in _CALL.findall("".join(c.get("source", ""))))


def check_summary(catalog) -> dict:
    from course.notebooks import notebook_references
    from course.paths import NOTEBOOK_DIR

    lessons = []
    for lesson in catalog.published():
        nb = NOTEBOOK_DIR / lesson.notebook
        calls = [fn for fn, _ in notebook_references(nb)]
        lessons.append({
            "id": lesson.id, "notebook": f"notebooks/{lesson.notebook}",
            "items": len(catalog.lesson_items(lesson.id)), "words": _words(nb),
            "interactives": sum(fn in INTERACTIVE for fn in calls) + _tool_calls(nb),
        })
    scenarios = [catalog.scenario_stats[sid].summary(sid) for sid in sorted(catalog.scenarios)]
    return {"lessons": lessons, "scenarios": scenarios}


def draw_sample_charts(catalog) -> None:
    """Draw the charts of the sample data ahead, so no learner's kernel has to (figure_cache)."""
    from course.engine import budget
    from course.ui.learner.budget_lab import chart_html

    if catalog.operations is None:
        return
    try:
        chart_html(budget.load_budget(), catalog.operations, keep=True)
    except budget.BudgetDataError:
        pass  # the lesson says what is wrong with the file when it is opened


def cmd_check(args) -> int:
    from course.catalog import load, load_and_cache
    from course.errors import ContentError

    try:
        catalog = load(args.content) if args.content else load_and_cache()
    except ContentError as exc:
        if args.json:
            print(json.dumps({"errors": [{"file": f, "place": p, "reason": r} for f, p, r in exc.problems]},
                         indent=2))
        else:
            print(f"Content has {len(exc.problems)} problem(s):", file=sys.stderr)
            for file, place, reason in exc.problems:
                print(f"  {file}{f' [{place}]' if place else ''}: {reason}", file=sys.stderr)
        return 1
    if not args.content:
        draw_sample_charts(catalog)
    summary = check_summary(catalog)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"Content is valid: {len(catalog.course.lessons)} lessons in the map "
          f"({len(summary['lessons'])} published), {len(catalog.items)} self-checks, "
          f"{len(catalog.facts)} facts, {len(catalog.exercises)} exercises, {len(catalog.glossary)} glossary terms, "
          f"{len(catalog.rubrics)} rubrics.")
    for row in summary["lessons"]:
        print(f"  {row['id']:<22} {row['notebook']:<36} {row['items']:>3} items "
              f"{row['words']:>6} words {row['interactives']:>3} interactives")
    if summary["scenarios"]:
        print(f"{len(summary['scenarios'])} scenarios:")
    for row in summary["scenarios"]:
        print(f"  {row['id']:<28} {row['nodes']:>3} nodes {row['endings']:>2} endings {row['paths']:>4} paths "
              f"depth {row['min_depth']}-{row['max_depth']}")
    return 0


def cmd_info(_args) -> int:
    from course.errors import StoreError
    from course.store.connection import default_url, describe_url
    from course.store.core import Store

    print(f"Progress store: {describe_url(default_url())}")
    try:
        store = Store()
        print(f"Schema version {store.version()}, {store.count_events()} events.")
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all content and print a summary")
    check.add_argument("--json", action="store_true", help="machine-readable summary")
    check.add_argument("--content", help="a content directory other than the installed one")
    check.set_defaults(func=cmd_check)
    info = sub.add_parser("info", help="where progress is stored, and how much")
    info.set_defaults(func=cmd_info)
    from course.cli.mentor import add_commands as add_mentor_commands

    mentor_sub = add_mentor_commands(sub)  # mentor, demo-cohort, export
    from course.cli.accounts import add_commands as add_account_commands

    cohort_sub = add_account_commands(sub, mentor_sub)  # serve, admin, mentor add, cohort, account
    from course.cli.schedule import add_commands as add_schedule_commands

    add_schedule_commands(cohort_sub)  # cohort schedule
    args, extra = parser.parse_known_args(argv)
    if args.command == "serve":
        args.voila_args = extra  # the rest goes to Voila (--port=..., --Voila.ip=...)
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `course check | head`: the reader left; nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
        return 0


if __name__ == "__main__":
    sys.exit(main())
