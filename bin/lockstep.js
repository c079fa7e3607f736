#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (the prepare script).
require('../dist/harness/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`lockstep: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 3; },
);
