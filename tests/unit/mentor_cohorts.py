"""The people of the mentoring tests (feedback, check-ins, their exports, the dashboard's feedback):
Mo mentors cohort spring-2027 (learners Ana Ruiz and Ben Okafor), Zed mentors fall-2027 (learner
Cy Park). Each is a course account that signs in with its login and GOOD."""
from __future__ import annotations

from course.accounts.service import Accounts

GOOD = "Meadow-lantern-cobalt-42"
LEARNERS = {"ana": ("Ana Ruiz", "spring-2027"), "ben": ("Ben Okafor", "spring-2027"), "cy": ("Cy Park", "fall-2027")}


def mentored_cohorts(store, learners=tuple(LEARNERS), names: dict | None = None) -> dict:
    """The two cohorts with their mentors and the `learners` named (by login); `names` gives a
    learner another display name (a markup name, say). Returns each account by its login."""
    accounts = Accounts(store)
    people = {login: accounts.create(name, "mentor", login=login, password=GOOD)
              for login, name in (("mo", "Mo Mentor"), ("zed", "Zed Mentor"))}
    accounts.create_cohort("spring-2027", people["mo"].id)
    accounts.create_cohort("fall-2027", people["zed"].id)
    for login in learners:
        name, cohort = LEARNERS[login]
        people[login] = accounts.create((names or {}).get(login, name), "learner", login=login, password=GOOD,
                                        cohort=cohort)
    return people
