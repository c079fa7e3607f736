// Runs the CLI from the TypeScript sources in a child process (for the signal and kill -9
// cases of the fault battery): the same main() as bin/lockstep.js, without a build.
require('esbuild-register/dist/node').register({ target: 'node20' });
require('../../harness/cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`lockstep: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 3; },
);
