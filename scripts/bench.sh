#!/usr/bin/env bash
# make bench: a fresh PostgreSQL database regie_bench, 100,000 synthetic cases, then the figures.
# A benchmark that prints numbers (and writes var/bench/bench-<UTC time>.json); it never fails on them.
# Extra arguments go to `manage.py bench` (e.g. make bench BENCH_ARGS="--cases 20000 --samples 50").
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/regie_bench}"
export DJANGO_SETTINGS_MODULE=dtv.settings.dev
# As production runs: sessions and the cache in Redis (`make bench` starts the local one), not in the
# database, which would add a session SELECT and UPDATE (with BEGIN/COMMIT) to every measured request.
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}"
# Measured as production runs: no DEBUG query log, hashed static files from a manifest.
export DEBUG=false
PYTHON=.venv/bin/python

echo "Recreating the benchmark database (${DATABASE_URL##*/})"
"$PYTHON" - <<'PY'
import os

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = os.environ["DATABASE_URL"]
name = conninfo_to_dict(url)["dbname"]
if "bench" not in name:
    raise SystemExit(f"Refusing to recreate database {name!r}: its name must contain 'bench'.")
with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as connection:
    connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PY
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py collectstatic --noinput -v0
"$PYTHON" manage.py bench "$@"
