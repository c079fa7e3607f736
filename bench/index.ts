/**
 * `npm run bench`: every benchmark of lockstep, printed as markdown (figures, never
 * assertions). `npm run bench -- engine checker` runs only the named sections:
 * engine (issue 2), checker (issue 3), seeds (issue 4), fuzz (issue 5), output (issues 10
 * and 12: end-of-campaign write, runaway guard overhead), weak (issue 13 item 6: every
 * built-in variant under arm64-lite), async (issue 9: real promise code: executions/s, the cost
 * of an event against a macrotask hop, time to find each historical npm bug), campaign (issue
 * 11: the default `lockstep fuzz` campaign, 3 x 45 s; not in the default set, name it), por
 * (issue 13 item 3: bounded dfs at K = 3 with and without partial-order reduction on the classic
 * correct variants, qspinlock native and pvqspinlock v4.8, sc and tso; CPU-budgeted, minutes:
 * not in the default set, name it), minimal and urw (issue 13 items 1 and 4: preemptions
 * before/after the minimal search, time-to-bug per strategy; name them), workers (issue 12
 * goal 1: CPU per execution of the all-cells campaign with 1, 2, 4 workers; minutes; name it),
 * write (issue 12 goal 4: the default campaign's end-of-campaign write, 3 x 45 s; name it).
 */
import * as fs from 'node:fs';
import { runAsyncBench } from './async-bench';
import { runCampaignBench } from './campaign-bench';
import { runWorkersBench } from './workers-bench';
import { runCheckerBench } from './checker-bench';
import { runEngineBench } from './engine-bench';
import { runFuzzBench } from './fuzz-bench';
import { defaultCampaignWrite, runOutputBench } from './output-bench';
import { measurePor, porTable } from './por-bench';
import { measureSeedBugs, seedBugTable } from './seed-bugs';
import { runMinimalBench, runUrwBench } from './search-bench';
import { measureWeakVerdicts, weakVerdictTable } from './weak-verdicts';

const SECTIONS = ['engine', 'checker', 'seeds', 'fuzz', 'output', 'weak', 'async', 'campaign', 'por', 'minimal', 'urw', 'workers', 'write'] as const;
/** What `npm run bench` runs without arguments (campaign takes minutes: name it). */
const DEFAULT_SECTIONS: readonly Section[] = ['engine', 'checker', 'seeds', 'fuzz', 'output', 'weak', 'async'];
type Section = (typeof SECTIONS)[number];

async function runSection(section: Section): Promise<string> {
  switch (section) {
    case 'engine':
      return runEngineBench();
    case 'checker':
      return runCheckerBench();
    case 'seeds': {
      const families = ['qspinlock', 'pvqspinlock', 'smp-rendezvous', 'futex-requeue-pi', 'perf-install'];
      return `## Seed bugs: time to first finding (default strategy, 10 seeds, cap 20 s each)\n\n${seedBugTable(await measureSeedBugs(10, 20_000, families))}\n`;
    }
    case 'fuzz':
      return runFuzzBench();
    case 'output':
      return runOutputBench();
    case 'weak':
      return `## Verdicts under arm64-lite (default strategy, 3 seeds, at most 20,000 executions each)\n\n${weakVerdictTable(await measureWeakVerdicts())}\n`;
    case 'async':
      return runAsyncBench();
    case 'campaign':
      return runCampaignBench();
    case 'workers':
      return runWorkersBench();
    case 'write':
      return defaultCampaignWrite(3);
    case 'minimal':
      return runMinimalBench();
    case 'urw':
      return runUrwBench();
    case 'por': {
      const reps = Number(process.env.LOCKSTEP_BENCH_REPS ?? 1);
      const rows = await measurePor(3, reps, 120_000);
      return `## Partial-order reduction: bounded dfs at K = 3, plain vs --por (CPU time of this process, ${reps} interleaved repetition${reps === 1 ? '' : 's'}: median (min-max); each run capped at 120 s CPU; load average ${loadAverage()})\n\n${porTable(rows)}\n`;
    }
  }
}

function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.map((u) => `'${u}'`).join(', ')}; expected any of ${SECTIONS.join(', ')}\n`);
    return 2;
  }
  const chosen = argv.length === 0 ? DEFAULT_SECTIONS : (argv as readonly Section[]);
  process.stdout.write(`# lockstep benchmarks (node ${process.version}, ${new Date().toISOString()})\n\n`);
  for (const section of chosen) {
    const t0 = performance.now();
    process.stdout.write(`${await runSection(section)}\n`);
    process.stderr.write(`bench: ${section} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 3; });
