"""Local development and `make run`: DEBUG on, a fixed development key when none is given."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105

from .base import *  # noqa: E402,F403
