#!/usr/bin/env bash
# npm run demo: the app on http://localhost:3000 (PORT to change) with demo data in the embedded
# SQLite database (./data/steadystate.db unless DATABASE_URL says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 STEADYSTATE_DEMO="${STEADYSTATE_DEMO:-true}"
# Visitors are the read-only demo viewer; to make changes, sign in as this admin (one password
# per demo run unless set; it only takes effect while no admin exists). The API token is the
# bootstrap token with every scope, for curl and collectors.
export STEADYSTATE_ADMIN_EMAIL="${STEADYSTATE_ADMIN_EMAIL:-admin@demo.local}"
export STEADYSTATE_ADMIN_PASSWORD="${STEADYSTATE_ADMIN_PASSWORD:-demo-$(node -e 'console.log(require("crypto").randomBytes(9).toString("hex"))')}"
export STEADYSTATE_API_TOKEN="${STEADYSTATE_API_TOKEN:-demo-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')}"
npm run -s db:migrate
npm run -s db:seed-demo
npx next build
echo "Steadystate demo: http://localhost:${PORT:-3000}"
echo "Sign in to make changes: $STEADYSTATE_ADMIN_EMAIL / $STEADYSTATE_ADMIN_PASSWORD (first run only: the first admin is kept)"
echo "API token (every scope): $STEADYSTATE_API_TOKEN"
exec npx next start -p "${PORT:-3000}"
