"""Local development and `make run`: DEBUG on, a fixed development key when none is given."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
# The demo: the second factor is optional (an account that enrolled an app is still asked for its
# code) and the API docs are open; production has both on (REQUIRE_2FA, API_DOCS_REQUIRE_LOGIN).
os.environ.setdefault("REQUIRE_2FA", "false")
os.environ.setdefault("API_DOCS_REQUIRE_LOGIN", "false")

from .base import *  # noqa: E402,F403
from .base import STATIC_ROOT  # noqa: E402

# WhiteNoise serves from the finders in development; an existing STATIC_ROOT keeps it quiet.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
