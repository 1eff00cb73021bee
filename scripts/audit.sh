#!/usr/bin/env bash
# `make audit`: the security audit as a short CI step (issue 7 point 9, ADR 0011).
#  1. schemathesis against the API, in-process through the WSGI app, logged out and as a
#     member and a secretary of a small workplace, with its response-conformance checks;
#  2. the generated bad-input test (every form, query parameter and path id of a
#     workplace; then every page must still answer), the bounded-input and import-bomb tests;
#     both on SQLite and, when reachable, PostgreSQL ($PG_URL);
#  3. pip-audit of the locked dependencies, when an advisory source answers.
# AUDIT_EXAMPLES sets hypothesis/schemathesis examples per operation and form.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
EXAMPLES="${AUDIT_EXAMPLES:-8}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/cordones}"
# schemathesis in one process, so that its counts (var/audit/) are the whole run's
API_TESTS=(tests/web/test_api_conformance.py)
TESTS=(
  tests/web/test_bad_input_fuzz.py
  tests/web/test_bounded_input.py
  tests/web/test_import_bombs.py
)
mkdir -p var/audit
rm -f var/audit/schemathesis-*.txt var/audit/fuzz-*.txt

echo "== audit: schemathesis and generated bad input on SQLite ($EXAMPLES examples)"
CORDONES_AUDIT_EXAMPLES="$EXAMPLES" "$BIN/pytest" -q -p no:cacheprovider "${API_TESTS[@]}"
CORDONES_AUDIT_EXAMPLES="$EXAMPLES" "$BIN/pytest" -q -p no:cacheprovider -n 2 "${TESTS[@]}"

if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "== audit: the same on PostgreSQL"
  CORDONES_AUDIT_EXAMPLES="$EXAMPLES" DATABASE_URL="$PG_URL" \
    "$BIN/pytest" -q -p no:cacheprovider "${API_TESTS[@]}"
  CORDONES_AUDIT_EXAMPLES="$EXAMPLES" DATABASE_URL="$PG_URL" \
    "$BIN/pytest" -q -p no:cacheprovider -n 2 "${TESTS[@]}"
else
  echo "== audit: PostgreSQL is not running on 127.0.0.1:5432; run 'make services' (skipped)"
fi

echo "== audit: schemathesis counts"
cat var/audit/schemathesis-*.txt
head -1 -q var/audit/fuzz-*.txt

echo "== audit: pip-audit of the lockfile"
requirements=var/audit/requirements.txt
var/tools/bin/uv export --frozen --no-emit-project --format requirements-txt -q -o "$requirements"
# An advisory source answers when one pinned package can be looked up in it; PyPI's
# vulnerability data comes from its JSON API, which a mirror that serves only the package
# index does not have ("Dependency not found on PyPI").
probe=var/audit/probe.txt
awk 'tolower($0) ~ /^django==/ {on=1} on {print; if ($0 !~ /\\$/) exit}' "$requirements" >"$probe"
service=""
for candidate in pypi osv; do
  # a source answered when pip-audit could say whether the package has known vulnerabilities
  # (its exit status is 1 both when it finds some and when it cannot look the package up)
  out=$(timeout 60 "$BIN/pip-audit" -r "$probe" --disable-pip -s "$candidate" \
    --progress-spinner off 2>&1) || true
  if grep -qiE "no known vulnerabilities found|found [0-9]+ known vulnerabilit" <<<"$out" &&
    ! grep -qi "could not be audited" <<<"$out"; then
    service="$candidate"
    break
  fi
done
if [ -z "$service" ]; then
  echo "pip-audit skipped: no advisory source is reachable from here (neither PyPI's"
  echo "vulnerability data nor OSV answered for a pinned package); run 'make audit' where"
  echo "one is, or 'pip-audit -r $requirements --disable-pip' by hand."
else
  echo "pip-audit against $service:"
  "$BIN/pip-audit" -r "$requirements" --disable-pip -s "$service" --progress-spinner off
fi
echo "== audit: done"
