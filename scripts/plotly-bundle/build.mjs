// Builds a partial plotly.js: the core plus the trace types in traces.json, with the esbuild
// settings plotly.js uses for its own dist bundles (esbuild-config.js and
// tasks/partial_bundle.mjs in its repository, which the npm package does not ship), minified.
// Run through scripts/build-plotly-bundle.sh; it writes assets/plotly-partial.min.js.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const out = process.argv[2];
const traces = JSON.parse(readFileSync(path.join(here, 'traces.json'), 'utf8')).sort();
const version = require('plotly.js/package.json').version;

// The index plotly's partial bundles are made from (its lib/index-*.js): core, then traces.
// No calendars: every date the dashboard draws is Gregorian.
const index = [
  "'use strict';",
  "var Plotly = require('./core');",
  'Plotly.register([',
  ...traces.map((t) => `  require('./${t}'),`),
  ']);',
  'module.exports = Plotly;',
  '',
].join('\n');

// Attribute descriptions are documentation for the schema, never drawn: plotly's dist
// bundles drop them too (its compress_attributes step). Only one-line string values and
// ['...', '...'].join(' ') arrays are removed, in plotly's own source files.
const DESCRIPTION = /\s*description: (?:'(?:[^'\\\n]|\\.)*'|\[[^\]]*?\]\.join\([^)]*\)),?/g;
const dropDescriptions = {
  name: 'drop-descriptions',
  setup(b) {
    b.onLoad({ filter: /plotly\.js[\\/]src[\\/].*\.js$/ }, (args) => ({
    contents: readFileSync(args.path, 'utf8').replace(DESCRIPTION, ''),
      loader: 'js',
    }));
  },
};

// Only map traces (maplibre) load a stylesheet; none is drawn here, so it is left out.
const noMapStyles = {
  name: 'no-map-styles',
  setup(b) {
    b.onResolve({ filter: /maplibre-gl\.css$/ }, (args) => ({ path: args.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};
const MAP_TRACES = ['scattermap', 'choroplethmap', 'densitymap'];
if (traces.some((t) => MAP_TRACES.includes(t))) throw new Error('map traces need maplibre-gl.css');

const banner = [
  '/**',
  `* plotly.js (partial bundle: ${traces.join(', ')} - minified) v${version}`,
  '* Copyright 2012-2026, Plotly, Inc.',
  '* All rights reserved.',
  '* Licensed under the MIT license',
  '* Built by scripts/build-plotly-bundle.sh from the npm package plotly.js.',
  '*/',
].join('\n');
await build({
  stdin: {
    contents: index,
    resolveDir: path.join(here, 'node_modules', 'plotly.js', 'lib'),
    sourcefile: 'index-eaeu.js',
  },
  outfile: out,
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  plugins: [dropDescriptions, noMapStyles],
  define: { global: 'window', 'define.amd': 'false' },
  target: 'es2016',
  banner: { js: banner },
  // dcc.Graph uses window.Plotly when it exists and loads Dash's full bundle otherwise.
  footer: { js: 'window.Plotly = Plotly;' },
  logLevel: 'info',
});
