"""The account commands (registered by course.cli.main):

    course serve [voila options]                 the course server: sign-in, accounts, guards
    course admin create --name N --login L       an administrator (asks for the password)
    course mentor add --name N [--cohort C]      a mentor, with an invitation link to set a password
    course cohort create CODE [--mentor LOGIN]   a cohort, looked after by a mentor
    course cohort invite CODE --names roster.csv --out links.csv
    course cohort join CODE --open | --close     self sign-up with a join code
    course account reset LOGIN|NAME              a new invitation (the old password stops working)
"""
from __future__ import annotations

import csv
import getpass
import sys
from pathlib import Path

DEFAULT_URL = "http://127.0.0.1:8866/"


def _accounts():
    from course.store.core import Store
    from course.accounts.service import Accounts

    return Accounts(Store())


def _link(base: str, token: str) -> str:
    return base.rstrip("/") + "/invite/" + token


def _password(args) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Type it again: "):
        print("The two passwords differ; nothing was changed.", file=sys.stderr)
        return None
    return first


def _fail(exc) -> int:
    print(f"{exc} Nothing was changed.", file=sys.stderr)
    return 1


def cmd_serve(args) -> int:
    from course.accounts.app import CourseVoila

    notebooks = Path(args.notebooks)
    if not notebooks.is_dir():
        print(f"No notebooks folder at {notebooks}.", file=sys.stderr)
        return 1
    CourseVoila.launch_instance([str(notebooks), "--no-browser", *getattr(args, "voila_args", [])])
    return 0


def cmd_admin_create(args) -> int:
    from course.errors import StoreError
    from course.accounts.service import AccountError

    password = _password(args)
    if password is None:
        return 1
    try:
        admin = _accounts().create(args.name, "admin", login=args.login, password=password)
    except (AccountError, StoreError) as exc:
        return _fail(exc)
    print(f"Administrator {admin.display_name!r} created; sign in as {admin.login!r}.")
    return 0


def cmd_mentor_add(args) -> int:
    from course.errors import StoreError
    from course.accounts.service import AccountError

    try:
        accounts = _accounts()
        mentor = accounts.create(args.name, "mentor", login=args.login)
        for cohort in args.cohort or []:
            if accounts.store.cohort(cohort) is None:
                accounts.create_cohort(cohort, mentor.id)
            else:
                accounts.assign_mentor(mentor.id, cohort)
        token = accounts.invite(mentor.id)
    except (AccountError, StoreError, ValueError) as exc:
        return _fail(exc)
    looks_after = f", looking after {', '.join(args.cohort)}" if args.cohort else ""
    print(f"Mentor {mentor.display_name!r} added{looks_after}. Send them this link (single use, 14 days) "
          f"to set a password:\n{_link(args.url, token)}")
    return 0


def _mentor_id(accounts, login: str | None) -> str | None:
    from course.accounts.service import AccountError

    if not login:
        return None
    mentor = accounts.by_login(login)
    if mentor is None or not mentor.is_mentor:
        raise AccountError(f"No mentor signs in as {login!r}.")
    return mentor.id


def cmd_cohort_create(args) -> int:
    from course.errors import StoreError
    from course.accounts.service import AccountError

    try:
        accounts = _accounts()
        code = accounts.create_cohort(args.code, _mentor_id(accounts, args.mentor), args.name)
    except (AccountError, StoreError) as exc:
        return _fail(exc)
    print(f"Cohort {code!r} created. Invite learners with: course cohort invite {code} --names roster.csv "
          f"--out links.csv")
    return 0


def read_roster(path: Path) -> list[str]:
    """Names from a roster: a CSV with a `name` column, or one name per line."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    if rows and [c.strip().lower() for c in rows[0]].count("name") == 1:
        column = [c.strip().lower() for c in rows[0]].index("name")
        return [r[column].strip() for r in rows[1:] if len(r) > column and r[column].strip()]
    return [line.strip() for line in text.splitlines() if line.strip()]


def cmd_cohort_invite(args) -> int:
    from course.errors import StoreError
    from course.accounts.service import AccountError

    try:
        names = read_roster(Path(args.names))
    except OSError as exc:
        print(f"The roster {args.names} cannot be read: {exc.strerror}.", file=sys.stderr)
        return 1
    if not names:
        print(f"The roster {args.names} has no names (a `name` column, or one name per line).", file=sys.stderr)
        return 1
    try:
        accounts = _accounts()
        if accounts.store.cohort(args.code) is None:
            raise AccountError(f"There is no cohort {args.code!r}; create it first with `course cohort create`.")
        rows = []
        for name in names:
            # someone already in the store (from before accounts, or invited before) keeps their work
            known = [accounts.get(row["id"]) for row in accounts.store.learners_named(name)]
            known = [a for a in known if a is not None and a.role == "learner"]
            learner = known[0] if len(known) == 1 else accounts.create(name, "learner", cohort=args.code)
            rows.append((learner.display_name, _link(args.url, accounts.invite(learner.id))))
    except (AccountError, StoreError) as exc:
        return _fail(exc)
    from course.mentor.export import invitations_csv

    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(invitations_csv(rows))
    print(f"{len(rows)} invitations for {args.code!r} written to {args.out}. Send each person their own link.")
    return 0


def cmd_cohort_join(args) -> int:
    from course.errors import StoreError

    try:
        code = _accounts().set_join_code(args.code, args.open)
    except StoreError as exc:
        return _fail(exc)
    if code:
        print(f"Self sign-up for {args.code!r} is open with join code {code} at "
              f"{args.url.rstrip('/')}/join. Close it with: course cohort join {args.code} --close")
    else:
        print(f"Self sign-up for {args.code!r} is closed.")
    return 0


def cmd_account_reset(args) -> int:
    from course.errors import StoreError
    from course.accounts.service import AccountError

    try:
        accounts = _accounts()
        account = accounts.by_login(args.login)
        if account is None:  # not claimed yet (a learner from before accounts): find them by name
            named = [accounts.get(row["id"]) for row in accounts.store.learners_named(args.login)]
            named = [a for a in named if a is not None]
            if len(named) > 1:
                raise AccountError(f"{len(named)} people are named {args.login!r}; ask them for their sign-in name.")
            account = named[0] if named else None
        if account is None:
            raise AccountError(f"No account signs in as, or is named, {args.login!r}.")
        accounts.end_all_sessions(account.id)
        token = accounts.invite(account.id)
    except (AccountError, StoreError) as exc:
        return _fail(exc)
    print(f"A new invitation for {account.display_name!r} (signed out everywhere; the link sets a new "
          f"password):\n{_link(args.url, token)}")
    return 0


def add_commands(sub, mentor_sub):
    """Adds the commands; returns the `cohort` group's subparsers (others add to it)."""
    serve = sub.add_parser("serve", help="serve the course with sign-in (what `make serve` runs)")
    serve.add_argument("--notebooks", default="notebooks", help="the folder of course notebooks")
    serve.epilog = "Any other option goes to Voila, e.g. --port=8866 --Voila.ip=0.0.0.0"
    serve.set_defaults(func=cmd_serve)

    admin = sub.add_parser("admin", help="administrator accounts").add_subparsers(dest="admin_command", required=True)
    create = admin.add_parser("create", help="create an administrator account")
    create.add_argument("--name", required=True, help="as shown in the course")
    create.add_argument("--login", required=True, help="what they type to sign in")
    create.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    create.set_defaults(func=cmd_admin_create)

    add = mentor_sub.add_parser("add", help="add a mentor account and print their invitation link")
    add.add_argument("--name", required=True)
    add.add_argument("--login", help="their sign-in name (else they choose one)")
    add.add_argument("--cohort", action="append", help="a cohort they look after (repeatable)")
    add.add_argument("--url", default=DEFAULT_URL, help="the course's address, for the link")
    add.set_defaults(func=cmd_mentor_add)

    cohort = sub.add_parser("cohort", help="cohorts and invitations").add_subparsers(dest="cohort_command",
                                                                                     required=True)
    ccreate = cohort.add_parser("create", help="create a cohort")
    ccreate.add_argument("code", help="e.g. spring-2027")
    ccreate.add_argument("--mentor", help="the sign-in name of the mentor who looks after it")
    ccreate.add_argument("--name", help="a longer name shown to mentors")
    ccreate.set_defaults(func=cmd_cohort_create)
    invite = cohort.add_parser("invite", help="invitation links for a roster of names")
    invite.add_argument("code")
    invite.add_argument("--names", required=True, help="a CSV with a `name` column, or one name per line")
    invite.add_argument("--out", required=True, help="the CSV of names and links to write")
    invite.add_argument("--url", default=DEFAULT_URL, help="the course's address, for the links")
    invite.set_defaults(func=cmd_cohort_invite)
    join = cohort.add_parser("join", help="turn self sign-up with a join code on or off")
    join.add_argument("code")
    state = join.add_mutually_exclusive_group(required=True)
    state.add_argument("--open", action="store_true")
    state.add_argument("--close", dest="open", action="store_false")
    join.add_argument("--url", default=DEFAULT_URL)
    join.set_defaults(func=cmd_cohort_join)

    account = sub.add_parser("account", help="reset a person's access").add_subparsers(dest="account_command",
                                                                                       required=True)
    reset = account.add_parser("reset", help="sign someone out everywhere and make a new invitation")
    reset.add_argument("login", help="their sign-in name, or their name if they have not claimed the account yet")
    reset.add_argument("--url", default=DEFAULT_URL)
    reset.set_defaults(func=cmd_account_reset)
    return cohort
