#!/bin/sh
# Set up a local PostgreSQL for newsgraph's store tests, idempotently.
# As root: installs Debian's postgresql if missing, starts the cluster, creates the role
# "root" and the database, then prints the URL to put in NEWSGRAPH_TEST_PG.
# As any other user it does nothing and exits 0, so `make test` can always call it.
set -eu

DB="${NEWSGRAPH_TEST_DB:-newsgraph_test}"
ROLE="${NEWSGRAPH_TEST_ROLE:-root}"

if [ "$(id -u)" -ne 0 ]; then
    echo "setup-postgres: not root, nothing done" >&2
    exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

VERSION="$(ls /etc/postgresql | sort -n | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" && $4 == "online" {found=1} END {exit !found}'; then
    pg_ctlcluster "$VERSION" main start
fi

# Wait for the socket (a fresh start can take a moment).
i=0
until su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt 30 ]; then
        echo "setup-postgres: cluster $VERSION/main does not answer" >&2
        exit 1
    fi
    sleep 1
done

if [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
    su postgres -c "psql -c 'CREATE ROLE \"$ROLE\" SUPERUSER LOGIN'"
fi
if [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != "1" ]; then
    su postgres -c "createdb -O '$ROLE' '$DB'"
fi

echo "postgresql+psycopg:///$DB?host=/var/run/postgresql"
