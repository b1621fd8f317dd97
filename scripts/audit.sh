#!/usr/bin/env bash
# Audit the pinned dependencies (constraints.txt) for known vulnerabilities with pip-audit.
#
# Exit status: 0 when no known vulnerability was found, 1 when one was (or pip-audit failed for
# another reason). When the vulnerability service cannot be reached, or answers "not found" for
# the packages (as on machines that reach only a package mirror), nothing was audited: the script
# says so in a WARNING block and exits 0, so `make lint` still runs offline, but never claims a
# clean audit it did not make. Set AUDIT_STRICT=1 to make that case fail (exit 3) instead.
#
# pip-audit runs from a tool environment of its own (.venv/.pip-audit, made on first use)
# so the project's .venv is not changed; set PIP_AUDIT=/path/to/pip-audit to use another one.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONSTRAINTS="${CONSTRAINTS:-$ROOT/constraints.txt}"
SERVICE="${AUDIT_SERVICE:-pypi}"
TOOL_VENV="${AUDIT_VENV:-$ROOT/.venv/.pip-audit}"
PYTHON="${PYTHON:-python3}"

find_pip_audit() {
  if [ -n "${PIP_AUDIT:-}" ]; then echo "$PIP_AUDIT"; return; fi
  if [ -x "$ROOT/.venv/bin/pip-audit" ]; then echo "$ROOT/.venv/bin/pip-audit"; return; fi
  if [ -x "$TOOL_VENV/bin/pip-audit" ]; then echo "$TOOL_VENV/bin/pip-audit"; return; fi
  if "$PYTHON" -m venv "$TOOL_VENV" >/dev/null 2>&1 \
     && "$TOOL_VENV/bin/pip" install --quiet --disable-pip-version-check pip-audit >/dev/null 2>&1; then
    echo "$TOOL_VENV/bin/pip-audit"; return
  fi
  echo ""
}

warn() {
  echo "================================================================================" >&2
  echo "WARNING: dependencies NOT audited: $1" >&2
  echo "         Run scripts/audit.sh on a machine that reaches pypi.org (or api.osv.dev" >&2
  echo "         with AUDIT_SERVICE=osv) before a release." >&2
  echo "================================================================================" >&2
  [ "${AUDIT_STRICT:-0}" = "1" ] && exit 3
  exit 0
}

PIP_AUDIT_BIN="$(find_pip_audit)"
[ -n "$PIP_AUDIT_BIN" ] || warn "pip-audit is not installed and could not be installed (pip install pip-audit)"

OUT="$(mktemp)"; ERR="$(mktemp)"
trap 'rm -f "$OUT" "$ERR"' EXIT
"$PIP_AUDIT_BIN" --progress-spinner off --vulnerability-service "$SERVICE" -r "$CONSTRAINTS" \
  --no-deps --disable-pip >"$OUT" 2>"$ERR"
STATUS=$?
TOTAL="$(grep -Ec '^[A-Za-z0-9_.-]+==' "$CONSTRAINTS")"
SKIPPED="$(grep -c 'could not be audited' "$OUT")"

if grep -Eqi 'ConnectionError|NameResolution|Max retries exceeded|Failed to establish|timed out|ServiceError' "$ERR"; then
  warn "the vulnerability service ($SERVICE) cannot be reached from this machine"
fi
if [ "$STATUS" -ne 0 ]; then
  cat "$OUT"; grep -v '^WARNING:pip_audit' "$ERR" >&2
  echo "pip-audit: known vulnerabilities found (or pip-audit failed, exit $STATUS)" >&2
  exit 1
fi
if [ "$SKIPPED" -gt 0 ]; then
  AUDITED=$((TOTAL - SKIPPED))
  if [ "$AUDITED" -le 0 ]; then
    warn "the vulnerability service ($SERVICE) knows none of the $TOTAL pinned packages (no access to its data)"
  fi
  cat "$OUT"
  echo "WARNING: $SKIPPED of $TOTAL pinned packages could not be audited (listed above)" >&2
fi
echo "pip-audit: no known vulnerabilities in the $((TOTAL - SKIPPED)) audited packages of $(basename "$CONSTRAINTS")"
exit 0
