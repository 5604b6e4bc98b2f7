"""Seeding a small demo dataset at a fixed moment, for the seed and bench tests."""

import datetime as dt

from dtv.demo.accounts import seed_accounts
from dtv.demo.cases import seed_cases
from dtv.demo.staff import seed_staff

NOW = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
CASES = 150


def seed(count=CASES, now=NOW):
    """Seed the demo accounts, their staff and `count` demo cases as seed_demo does, at `now`."""
    users = seed_accounts()
    staff = seed_staff(case_count=count, demo_users=users)
    return seed_cases(count=count, staff=staff, now=now)
