#!/usr/bin/env bash
# npm run demo: the app on http://localhost:3000 (PORT to change) with demo data in the embedded
# SQLite database (./data/steadystate.db unless DATABASE_URL says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 STEADYSTATE_DEMO="${STEADYSTATE_DEMO:-true}"
# Writes (the SLO editor, the API) need a token until accounts exist: one per demo run unless set.
export STEADYSTATE_API_TOKEN="${STEADYSTATE_API_TOKEN:-demo-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')}"
npm run -s db:migrate
npm run -s db:seed-demo
npx next build
echo "Steadystate demo: http://localhost:${PORT:-3000}"
echo "API token for writes (the SLO editor asks for it): $STEADYSTATE_API_TOKEN"
exec npx next start -p "${PORT:-3000}"
