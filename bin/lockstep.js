#!/usr/bin/env node
'use strict';
// Thin launcher. The installed package ships the CLI compiled to dist/ (built by `prepack`);
// a development checkout without a build (`npm run build`) runs the TypeScript sources through
// jiti instead (a runtime dependency; the first start compiles and caches them).
const fs = require('node:fs');
const path = require('node:path');

/** True when a TypeScript source of a checkout changed after `built` was compiled (a stale build). */
function sourcesNewerThan(built) {
  const since = fs.statSync(built).mtimeMs;
  for (const dir of ['harness', 'targets']) {
    const root = path.join(__dirname, '..', dir);
    if (!fs.existsSync(root)) continue;
    for (const f of fs.readdirSync(root, { recursive: true })) {
      if (String(f).endsWith('.ts') && fs.statSync(path.join(root, String(f))).mtimeMs > since) return true;
    }
  }
  return false;
}

function loadCli() {
  const built = path.join(__dirname, '..', 'dist', 'harness', 'cli', 'main.js');
  const source = path.join(__dirname, '..', 'harness', 'cli', 'main.ts');
  const checkout = fs.existsSync(source);
  // in a checkout, a dist/ left by `npm pack` or `npm run bench` is used only while it is fresh
  if (fs.existsSync(built) && !(checkout && sourcesNewerThan(built))) return require(built);
  if (checkout) return require('jiti').createJiti(__filename)(source);
  throw new Error(`the compiled CLI is missing (${built}); reinstall lockstep`);
}

// `lockstep check` checks a few histories in a fresh process: V8's default inlining budget
// (920 bytecode bytes per optimised function) makes it compile the search loop with
// everything inlined, which costs more CPU than it saves in a run this short (kv c50-ok
// 20-40 ms less CPU with 200, long searches no slower; issue 12 goal 3). Set here, for this
// process only: main() run in another program's process leaves its V8 alone.
if (process.argv.slice(2).includes('check')) {
  try {
    require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  } catch {
    // a runtime that froze its flags: the check only runs slower
  }
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
