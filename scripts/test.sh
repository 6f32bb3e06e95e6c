#!/usr/bin/env bash
# The test command (`npm test`): the type check and ESLint beside the package build (jsii, the
# function bundles, the Python sources) and Prettier, since each runs on one core and the two
# sides take about as long; then Jest, which reads what the build wrote. Extra arguments go to
# Jest.
set -uo pipefail
cd "$(dirname "$0")/.."
lint_log="$(mktemp)"
trap 'rm -f "$lint_log"' EXIT
npm run --silent lint:types >"$lint_log" 2>&1 &
lint_pid=$!
npm run --silent build && npm run --silent lint:format
build_status=$?
wait "$lint_pid"
lint_status=$?
cat "$lint_log"
if [ "$lint_status" -ne 0 ]; then
  echo "npm test: the lint failed (exit $lint_status)" >&2
  exit "$lint_status"
fi
if [ "$build_status" -ne 0 ]; then
  echo "npm test: the build or Prettier failed (exit $build_status)" >&2
  exit "$build_status"
fi
exec npx jest "$@"
