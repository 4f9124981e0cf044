#!/usr/bin/env bash
# `npm test`: every check, in stages, with the wall time of each stage printed at the end.
# Lint and the type check run side by side (each uses one core); the rest runs in order and stops at the
# first failing stage. Environment: TEST_DATABASE_URL (integration tests also on that PostgreSQL server),
# VITEST_MAX_WORKERS, CHROMIUM_PATH.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -a names=() secs=() results=()
overall=0
start_all=$(date +%s)

record() { names+=("$1"); secs+=("$2"); results+=("$3"); }

summary() {
  echo
  echo "== npm test: wall time per stage"
  for i in "${!names[@]}"; do printf '  %-26s %5ss  %s\n' "${names[$i]}" "${secs[$i]}" "${results[$i]}"; done
  printf '  %-26s %5ss\n' "total" "$(($(date +%s) - start_all))"
}
trap summary EXIT

stage() {
  local name=$1
  shift
  echo
  echo "== $name"
  local t0
  t0=$(date +%s)
  if "$@"; then
    record "$name" "$(($(date +%s) - t0))" ok
  else
    record "$name" "$(($(date +%s) - t0))" FAILED
    exit 1
  fi
}

# Lint (eslint + prettier) in the background while the conformance map and types are checked.
lint_log=$(mktemp)
t_lint=$(date +%s)
npm run --silent lint >"$lint_log" 2>&1 &
lint_pid=$!
stage "conformance map" npm run --silent check:conformance
stage "types (typegen + tsc)" npm run --silent typecheck
echo
echo "== lint (eslint + prettier)"
if wait "$lint_pid"; then lint_ok=ok; else lint_ok=FAILED; fi
cat "$lint_log"
rm -f "$lint_log"
record "lint (parallel to types)" "$(($(date +%s) - t_lint))" "$lint_ok"
[ "$lint_ok" = ok ] || exit 1

stage "vitest (unit, spawn, integration)" npx vitest run
# The e2e server talks to the Mistral fake (playwright.config.ts); the build must know AI is configured, or the
# prerendered public pages would not match that server and it would render them per request (issue 18).
stage "next build" env BUILD_SKIP_TYPECHECK=1 MISTRAL_API_KEY=test-key npx next build
# The e2e suites side by side: the journeys (two lanes, playwright.config.ts), the journey with Stripe and Acuity
# switched on against their fakes (playwright.providers.config.ts) and the one against `npm run dev`
# (playwright.dev.config.ts). Each has its own ports and data directory; the two small ones mostly wait for their
# servers, so beside the long one they cost little. Each log is printed whole when all are done.
e2e_all() {
  # Own names: `stage` keeps its stage name in `name`, which bash lets a called function overwrite.
  local dir status=0 pids=() suites=(journeys providers dev) suite
  dir=$(mktemp -d)
  npx playwright test >"$dir/journeys.log" 2>&1 &
  pids+=($!)
  npx playwright test -c playwright.providers.config.ts >"$dir/providers.log" 2>&1 &
  pids+=($!)
  npx playwright test -c playwright.dev.config.ts >"$dir/dev.log" 2>&1 &
  pids+=($!)
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then results_e2e+=("${suites[$i]} ok"); else results_e2e+=("${suites[$i]} FAILED"); status=1; fi
  done
  for suite in "${suites[@]}"; do
    echo
    echo "-- e2e: $suite"
    cat "$dir/$suite.log"
  done
  echo
  printf '%s\n' "${results_e2e[@]}"
  rm -rf "$dir"
  return $status
}
results_e2e=()
stage "e2e (journeys, providers, dev)" e2e_all
