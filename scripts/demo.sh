#!/usr/bin/env bash
# npm run demo: the app on http://localhost:3000 (PORT to change) with demo data in the embedded
# SQLite database (./data/steadystate.db unless DATABASE_URL says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 STEADYSTATE_DEMO="${STEADYSTATE_DEMO:-true}"
# Visitors are the read-only demo viewer; to make changes, sign in as this admin. The first admin
# is only created while none exists, so the generated password is kept (data/.demo-admin-password)
# and the next run prints the one that still works. The API token is the bootstrap token with
# every scope, for curl and collectors.
export STEADYSTATE_ADMIN_EMAIL="${STEADYSTATE_ADMIN_EMAIL:-admin@demo.local}"
if [ -z "${STEADYSTATE_ADMIN_PASSWORD:-}" ]; then
  kept=data/.demo-admin-password
  mkdir -p data
  [ -s "$kept" ] || (umask 077 && node -e 'console.log("demo-" + require("crypto").randomBytes(9).toString("hex"))' >"$kept")
  STEADYSTATE_ADMIN_PASSWORD=$(cat "$kept")
fi
export STEADYSTATE_ADMIN_PASSWORD
export STEADYSTATE_API_TOKEN="${STEADYSTATE_API_TOKEN:-demo-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')}"
npm run -s db:migrate
npm run -s db:seed-demo
npx next build
echo "Steadystate demo: http://localhost:${PORT:-3000}"
echo "Sign in to make changes: $STEADYSTATE_ADMIN_EMAIL / $STEADYSTATE_ADMIN_PASSWORD"
echo "API token (every scope): $STEADYSTATE_API_TOKEN"
exec bash scripts/serve.sh -p "${PORT:-3000}"
