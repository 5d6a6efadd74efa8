"""The mentor's commands: `course mentor set-passcode`, `course mentor delete-learner`,
`course demo-cohort` and `course export` (registered by course.cli.main)."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path


def _store():
    from course.store.core import Store

    return Store()


def cmd_set_passcode(args) -> int:
    from course.mentor.access import set_passcode, validate_new_passcode
    from course.errors import StoreError

    if args.from_stdin:
        passcode = sys.stdin.readline().rstrip("\r\n")
    else:
        passcode = getpass.getpass("New mentor passcode: ")
        again = getpass.getpass("Type it again: ")
        if passcode != again:
            print("The two passcodes differ; nothing was changed.", file=sys.stderr)
            return 1
    try:
        validate_new_passcode(passcode)
        set_passcode(_store(), passcode)
    except (ValueError, StoreError) as exc:
        print(f"{exc} Nothing was changed.", file=sys.stderr)
        return 1
    print("Mentor passcode set (stored as an Argon2id hash). Reload any open mentor page.")
    return 0


def cmd_delete_learner(args) -> int:
    from course.names import same_name
    from course.errors import StoreError

    try:
        store = _store()
        if args.id:
            found = store.learner(args.name)
            matches = [found] if found else []
        else:
            matches = store.learners_named(args.name)
        if not matches:
            print(f"No learner {'with the id' if args.id else 'named'} {args.name!r} in the store.", file=sys.stderr)
            return 1
        if len(matches) > 1:
            print(f"{len(matches)} learners are named {args.name!r}; delete one by id with --id: "
                  + ", ".join(repr(m["id"]) for m in matches), file=sys.stderr)
            return 1
        found = matches[0]
        if not args.yes:
            typed = input(f"Delete every record of {found['display_name']!r}? Type the name to confirm: ")
            if not same_name(typed, found["display_name"]):
                print("The name did not match; nothing was deleted.", file=sys.stderr)
                return 1
        counts = store.delete_learner(found["id"])
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print("Deleted: " + ", ".join(f"{n} from {t}" for t, n in counts.items()))
    return 0


def cmd_demo_cohort(args) -> int:
    from course.mentor.demo import make_demo_cohort
    from course.errors import StoreError

    try:
        summary = make_demo_cohort(_store(), args.learners, args.cohort, seed=args.seed)
    except (ValueError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Demo cohort {summary['cohort']!r}: {summary['learners']} learners, {summary['events']} events "
          f"in {summary['seconds']:.1f} s (marked as DEMO DATA).")
    return 0


def cmd_export(args) -> int:
    from course.mentor import export
    from course.catalog import default as load_catalog
    from course.mentor import feedback_export
    from course.errors import StoreError

    try:
        store = _store()
        cohort = args.cohort or export.ALL  # no --cohort: every learner, as --help says
        catalog = load_catalog()
        if args.format == "csv":  # the events, then the feedback threads and requests
            text, count = feedback_export.cohort_csv(store, cohort, catalog)
        else:
            text, count = feedback_export.cohort_xapi_json(store, cohort, args.base_iri, catalog)
    except (ValueError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        print(f"Wrote {count} {'rows' if args.format == 'csv' else 'statements'} to {args.out}.")
    return 0


def _with_store_file(action, file: str) -> int | None:
    """A backup or restore of the store (COURSE_DB_URL) with `file`: its count of events, or None once
    a failure is printed."""
    from course.store.backup import BackupError
    from course.store.connection import default_url

    try:
        return action(default_url(), Path(file))
    except (BackupError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return None


def cmd_backup(args) -> int:
    from course.store.backup import backup

    count = _with_store_file(backup, args.out)
    if count is None:
        return 1
    print(f"Backed up the store to {args.out} ({count} events). Keep it somewhere only you can read.")
    return 0


def cmd_restore(args) -> int:
    from course.store.backup import restore

    if not args.yes:
        typed = input(f"Replace the whole store with {args.file}? Everything saved since that backup is lost. "
                      "Type 'restore' to go ahead: ")
        if typed.strip() != "restore":
            print("Nothing was changed.", file=sys.stderr)
            return 1
    count = _with_store_file(restore, args.file)
    if count is None:
        return 1
    print(f"Restored {count} events from {args.file}. Learners reload their pages.")
    return 0


def add_commands(sub):
    """Registers the commands; returns `course mentor`'s subcommands for the account commands."""
    mentor = sub.add_parser("mentor", help="mentor access and learner data requests")
    msub = mentor.add_subparsers(dest="mentor_command", required=True)
    setp = msub.add_parser("set-passcode", help="set the passcode that opens the mentor pages")
    setp.add_argument("--from-stdin", action="store_true", help="read it from the first line of stdin")
    setp.set_defaults(func=cmd_set_passcode)
    dele = msub.add_parser("delete-learner", help="delete every record of one learner")
    dele.add_argument("name", help="the learner's name as they signed in (or their id, with --id)")
    dele.add_argument("--id", action="store_true", help="NAME is the learner's id in the store")
    dele.add_argument("--yes", action="store_true", help="do not ask to type the name again")
    dele.set_defaults(func=cmd_delete_learner)

    demo = sub.add_parser("demo-cohort", help="create a synthetic cohort marked as demo data")
    demo.add_argument("--learners", type=int, default=30)
    demo.add_argument("--cohort", default="demo")
    demo.add_argument("--seed", type=int, default=7, help="the same seed gives the same cohort")
    demo.set_defaults(func=cmd_demo_cohort)

    exp = sub.add_parser("export", help="export learner data as CSV or xAPI statements")
    exp.add_argument("--format", choices=["csv", "xapi"], required=True)
    exp.add_argument("--out", required=True, help="a file, or - for stdout")
    exp.add_argument("--cohort", help="one cohort (default: every learner)")
    exp.add_argument("--base-iri", default=None, help="the course's IRI for activity ids")
    exp.set_defaults(func=cmd_export)
    back = sub.add_parser("backup", help="copy the SQLite store to a new file while it is in use")
    back.add_argument("--out", required=True, help="the new file")
    back.set_defaults(func=cmd_backup)
    rest = sub.add_parser("restore", help="replace the SQLite store with a backup")
    rest.add_argument("file")
    rest.add_argument("--yes", action="store_true", help="do not ask to confirm")
    rest.set_defaults(func=cmd_restore)
    return msub
