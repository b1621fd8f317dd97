#!/usr/bin/env bash
# Long runs of the hardening tests, for before a release or after a change to a parser or the store.
#
#   scripts/soak.sh            about 20-30 minutes on 2 cores
#   ROUNDS=5 scripts/soak.sh   more rounds of the kill -9 and concurrency tests
#
# What it runs (each bounded; the first failure stops the script with pytest's report):
#   1. hypothesis fuzzing of extraction and analysis with FUZZ_EXAMPLES examples each (default 5000);
#   2. the hostile-input corpus (bombs, 100,000 tags, a 10 MB line ...) in bounded subprocesses;
#   3. ROUNDS rounds of: kill -9 of `newsgraph ingest` (tests/scale) and of a store writer
#      (tests/store), and ingest of HARDENING_CONCURRENT_DOCS documents (default 5000) while the
#      API serves reads from another process;
#   4. the server security tests, on PostgreSQL as well when NEWSGRAPH_TEST_PG is set.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTEST="${PYTEST:-.venv/bin/python -m pytest}"
ROUNDS="${ROUNDS:-3}"
export FUZZ_EXAMPLES="${FUZZ_EXAMPLES:-5000}"
export HARDENING_CONCURRENT_DOCS="${HARDENING_CONCURRENT_DOCS:-5000}"
if [ -z "${NEWSGRAPH_TEST_PG:-}" ] && [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then
  export NEWSGRAPH_TEST_PG='postgresql+psycopg:///newsgraph_test?host=/var/run/postgresql'
fi

step() { echo; echo "== $* ($(date +%H:%M:%S))"; }

step "fuzzing: $FUZZ_EXAMPLES examples per target"
$PYTEST -q tests/hardening/test_hardening_fuzz.py

step "hostile inputs"
$PYTEST -q tests/hardening/test_hardening_hostile.py

for round in $(seq 1 "$ROUNDS"); do
  step "round $round/$ROUNDS: kill -9 and concurrency ($HARDENING_CONCURRENT_DOCS documents)"
  kill_tests=(tests/store/test_store_lifecycle.py::test_store_survives_kill_9)
  [ -f tests/scale/test_scale_kill.py ] && kill_tests+=(tests/scale/test_scale_kill.py)
  $PYTEST -q "${kill_tests[@]}" tests/hardening/test_hardening_concurrency.py tests/hardening/test_hardening_crashes.py
done

step "server security"
$PYTEST -q tests/hardening/test_hardening_server.py tests/hardening/test_hardening_audit.py

step "done: every soak step passed"
