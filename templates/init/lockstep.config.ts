import { defineConfig } from 'lockstep';

// lockstep's settings for this project (flags > LOCKSTEP_* variables > this file > defaults).
// Paths are relative to this file; recorded targets (replay tokens, corpus entries) are too.
export default defineConfig({
  // target modules: `lockstep list`, `run` and `fuzz` take these when no target is named
  targets: ['locks/*.ts'],
  // saved failures: `fuzz` adds to it, `triage` and the jest regression tests replay it
  corpus: 'lockstep/corpus',
  // `fuzz` writes each campaign's report folder here
  reports: 'lockstep/reports',
  // default budget of `lockstep fuzz` (seconds of wall-clock time; or { runs: N })
  fuzz: { time: 30 },
});
