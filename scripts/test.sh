#!/usr/bin/env bash
# The test command (`npm test`): the lint (type check, ESLint, Prettier) runs beside the package
# build (jsii, the function bundles, the Python sources) and then beside Jest, which reads what
# the build wrote; each runs on one core. The command fails when any of them fails. Extra
# arguments go to Jest.
set -uo pipefail
cd "$(dirname "$0")/.."
lint_log="$(mktemp)"
trap 'rm -f "$lint_log"' EXIT
npm run --silent lint >"$lint_log" 2>&1 &
lint_pid=$!
npm run --silent build
build_status=$?
jest_status=0
if [ "$build_status" -eq 0 ]; then
  npx jest "$@"
  jest_status=$?
fi
wait "$lint_pid"
lint_status=$?
cat "$lint_log"
if [ "$lint_status" -ne 0 ]; then
  echo "npm test: the lint failed (exit $lint_status)" >&2
  exit "$lint_status"
fi
if [ "$build_status" -ne 0 ]; then
  echo "npm test: the build failed (exit $build_status)" >&2
  exit "$build_status"
fi
exit "$jest_status"
