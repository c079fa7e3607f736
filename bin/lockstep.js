#!/usr/bin/env node
'use strict';
// Thin launcher. The installed package ships the CLI compiled to dist/ (built by `prepack`);
// a development checkout without a build (`npm run build`) runs the TypeScript sources through
// jiti instead (a runtime dependency; the first start compiles and caches them).
const fs = require('node:fs');
const path = require('node:path');

function loadCli() {
  const built = path.join(__dirname, '..', 'dist', 'harness', 'cli', 'main.js');
  if (fs.existsSync(built)) return require(built);
  const source = path.join(__dirname, '..', 'harness', 'cli', 'main.ts');
  if (fs.existsSync(source)) return require('jiti').createJiti(__filename)(source);
  throw new Error(`the compiled CLI is missing (${built}); reinstall lockstep`);
}

let cli;
try {
  cli = loadCli();
} catch (err) {
  process.stderr.write(`lockstep: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exit(3);
}
cli.main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`lockstep: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 3; },
);
