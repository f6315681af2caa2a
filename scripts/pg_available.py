"""Exit 0 when a PostgreSQL server answers at the given URL (used by `make test`)."""

import sys

try:
    import psycopg
except ImportError:
    sys.exit(1)

url = sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/postgres"
# Connect to the maintenance database: the test database is created by the test run itself.
base = url.rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(base, connect_timeout=3).close()
except Exception:
    sys.exit(1)
sys.exit(0)
