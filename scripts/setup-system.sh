#!/usr/bin/env bash
# System packages the test suite uses: Debian's Chromium (browser tests) and PostgreSQL (the
# store's second backend). Idempotent; installs only what is missing; needs root for apt-get and
# does nothing without it (the tests that need these then skip, except under CI=true).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "setup-system: not root; not installing chromium or postgresql (their tests will skip)"
  exit 0
fi

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-system: installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
fi

if [ -x "$here/setup-postgres.sh" ] || [ -f "$here/setup-postgres.sh" ]; then
  bash "$here/setup-postgres.sh"
fi
