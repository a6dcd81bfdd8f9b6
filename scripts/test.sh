#!/usr/bin/env bash
# The whole test suite (npm test): typecheck, unit, integration on SQLite and on a real
# PostgreSQL, then a production build driven by Playwright in Debian's Chromium.
# Every server it starts listens on 127.0.0.1 and is stopped on exit, pass or fail.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 VITE_CONFIG_NATIVE_IGNORE_WARNING=true

bash scripts/ensure-system-deps.sh || exit 1

work=$(mktemp -d /tmp/steadystate-test.XXXXXX)
chmod 711 "$work" # PostgreSQL runs as an unprivileged user and must reach its folder inside
reports=test-results/reports
rm -rf "$reports" && mkdir -p "$reports" test/e2e/screenshots
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  node scripts/pg-server.mjs stop "$work/pg" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

status=0
step() { echo; echo "=== $1"; }
run() { "$@" || status=1; }

step "typecheck"
run npx tsc --noEmit -p . --tsBuildInfoFile "$work/tsbuildinfo"

step "unit + integration (SQLite)"
run npx vitest run --reporter=default --reporter=json --outputFile="$reports/vitest-sqlite.json"

step "integration (PostgreSQL)"
if pg_url=$(node scripts/pg-server.mjs start "$work/pg"); then
  run env STEADYSTATE_TEST_PG_URL="$pg_url" npx vitest run --project integration \
    --reporter=default --reporter=json --outputFile="$reports/vitest-postgres.json"
  node scripts/pg-server.mjs stop "$work/pg"
else
  echo "could not start PostgreSQL"; status=1
fi

step "build"
if npx next build >"$work/build.log" 2>&1; then
  tail -n 25 "$work/build.log"
  step "e2e (Chromium against the built app, embedded SQLite, demo data)"
  port=$(node scripts/free-port.mjs)
  token="e2e-$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')"
  # The first admin (test/e2e/support/auth.ts signs in with it and creates the viewer and editor).
  export STEADYSTATE_ADMIN_EMAIL="admin@e2e.test" STEADYSTATE_ADMIN_PASSWORD="e2e-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
  export DATABASE_URL="file:$work/e2e.db" STEADYSTATE_DEMO=true STEADYSTATE_API_TOKEN="$token" LOG_LEVEL=warn \
    STEADYSTATE_SECRET_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
  npm run -s db:migrate >/dev/null && npm run -s db:seed-demo
  bash scripts/serve.sh -H 127.0.0.1 -p "$port" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/api/health/ready" >/dev/null && break
    sleep 1
  done
  run env STEADYSTATE_BASE_URL="http://127.0.0.1:$port" STEADYSTATE_TEST_API_TOKEN="$token" npx playwright test
  kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; app_pid=""
  cp test-results/e2e.json "$reports/e2e.json" 2>/dev/null
  grep -iE '"level":"error"' "$work/app.log" && { echo "the app logged errors during e2e"; status=1; }
else
  cat "$work/build.log"; status=1
fi

step "summary"
summary=$(node scripts/test-summary.mjs "unit+integration (SQLite)=$reports/vitest-sqlite.json" \
  "integration (PostgreSQL)=$reports/vitest-postgres.json" "e2e (Chromium)=$reports/e2e.json")
echo "$summary"
echo "$summary" | tail -n 1 | grep -q ', 0 failed' || status=1
exit $status
