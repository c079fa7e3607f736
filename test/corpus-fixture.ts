/** Test helper: a well-formed corpus entry built through the production builder. */
import { buildCorpusEntry } from '../harness/corpus/build-corpus-entry';
import type { CorpusEntry } from '../harness/corpus/corpus-entry';
import { DEFAULT_MEMORY_KNOBS } from '../harness/memory/memory-model';

/** A sample entry; `decisions` and `target` vary the identity. */
export function sampleEntry(over: { target?: string; variant?: string; decisions?: number[]; date?: string; seed?: number; locations?: string[] } = {}): CorpusEntry {
  return buildCorpusEntry({
    target: over.target ?? 'ticket',
    variant: over.variant ?? 'no-fence',
    memory: 'tso',
    knobs: DEFAULT_MEMORY_KNOBS,
    workload: { ops: [['lock', 'lock'], ['lock']] },
    maxSteps: 2000,
    outcome: {
      decisions: over.decisions ?? [0, 1, 0, 2, 1],
      preemptions: 2,
      finding: { kind: 'violation', message: 'two threads in the critical section <&>', locations: over.locations ?? ['ticket.c:42', 'ticket.c:17', 'ticket.c:42'] },
    },
    source: { strategy: 'pct:d=2', seed: over.seed ?? 7, campaignSeed: 1 },
    harnessVersion: '0.1.0',
    date: over.date ?? '2026-11-21T05:00:00.000Z',
  });
}
