import { defineConfig } from 'lockstep';

export default defineConfig({
  targets: ['locks/*.ts'],
  corpus: 'lockstep/corpus',
  reports: 'lockstep/reports',
  fuzz: { runs: 1000 },
  triage: { runs: 500 },
});
