#!/usr/bin/env bash
# Serves the built app (npm start, npm run demo, the e2e suite and the benchmarks all start it
# here) through scripts/server.mjs: Next's own request handler, with the ingest endpoints served
# beside it. Arguments as `next start`'s (-p, -H). V8's young generation is 16 MB per semi-space
# by default; ingest makes short-lived objects for every series it reads, and at 64 MB the
# collector runs a quarter as often: bench:ingest went from 360k to 420k samples/s. Node flags
# before the app may come in SERVE_NODE_FLAGS (bench:ingest --profile passes --cpu-prof there).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086 # SERVE_NODE_FLAGS is a list of flags
exec node --max-semi-space-size=64 ${SERVE_NODE_FLAGS:-} scripts/server.mjs "$@"
