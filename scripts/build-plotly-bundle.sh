#!/usr/bin/env bash
# Rebuilds assets/plotly-partial.min.js: plotly.js with only the trace types the dashboard
# draws (scripts/plotly-bundle/traces.json), from the npm package pinned in
# scripts/plotly-bundle/package-lock.json. Needs node and npm; the app and its tests need
# neither (the bundle is committed). Run it after changing traces.json or the pinned version
# (after changing the version in package.json, `npm install --ignore-scripts` there updates the
# lock; keep the major and minor of the plotly.js that the installed plotly Python package ships).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/plotly-bundle"
# --ignore-scripts: nothing from the registry runs at install; esbuild's binary comes as its
# own platform package.
npm ci --ignore-scripts --no-audit --no-fund
node build.mjs "$here/../assets/plotly-partial.min.js"
