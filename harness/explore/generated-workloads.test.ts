import { explore } from './explore';
import { pinsWorkload } from './generated-workloads';
import type { Target } from '../target/target';

/**
 * A reader-writer lock whose reader side is a flag, not a count (issue 13 item 2's example):
 * the first reader out clears it while a second reader is still inside, and a writer enters
 * next to that reader. The bug needs two readers and a writer; the default workload of the
 * shape (2 threads: [write] [read]) cannot show it.
 */
const flagRw = {
  name: 'flag-rw',
  summary: 'reader-writer lock with a reader flag',
  variants: [{ name: 'reader-flag', summary: 'BUG: one flag for all readers', expect: { sc: 'violation', tso: 'violation' } }],
  workload: { threads: { min: 2, max: 3, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['write', 'read'] },
  maxSteps: 400,
  setup(env: any, _variant: string, workload: { ops: readonly (readonly string[])[] }) {
    // one word: 0 free, 1 read-held (a flag, not a count: the bug), 2 write-held
    const word = env.mem.cell('rw', 0);
    const readers = env.mem.cell('readers inside', 0);
    const writers = env.mem.cell('writers inside', 0);
    const body = (ops: readonly string[]) => function* (t: any) {
      for (const op of ops) {
        t.invoke(op);
        if (op === 'read') {
          for (;;) {
            t.at('read: take');
            const v = yield* t.waitUntil(word, (x: number) => x !== 2);
            if (v === 1) break; // already read-held: join (BUG: the holder may be leaving)
            if ((yield* t.cmpxchg(word, 0, 1)) === 0) break;
          }
          yield* t.fetchAdd(readers, 1);
          t.at('read: inside');
          t.assert((yield* t.readOnce(writers)) === 0, 'a reader is inside while a writer is');
          yield* t.fetchAdd(readers, -1);
          t.at('read: release');
          yield* t.writeOnce(word, 0);
        } else {
          t.at('write: take');
          while ((yield* t.cmpxchg(word, 0, 2)) !== 0) yield* t.waitUntil(word, (x: number) => x === 0);
          yield* t.fetchAdd(writers, 1);
          t.at('write: inside');
          t.assert((yield* t.readOnce(readers)) === 0, 'a writer is inside while a reader is');
          yield* t.fetchAdd(writers, -1);
          yield* t.writeOnce(word, 0);
        }
        t.ok();
      }
    };
    return { threads: workload.ops.map((ops, i) => ({ name: `cpu${i}`, body: body(ops) })) };
  },
} as unknown as Target;

describe('run over generated workloads', () => {
  it('finds a bug that needs two readers and a writer, which the default workload misses', async () => {
    const pinned = await explore({ target: flagRw, variant: 'reader-flag', memory: 'sc', strategy: 'default', seed: 1, runs: 2000, traceFindings: false });
    expect(pinned.findings).toEqual([]);
    expect(pinned.generated).toBeUndefined();
    const generated = await explore({ target: flagRw, variant: 'reader-flag', memory: 'sc', strategy: 'default', seed: 1, runs: 2000, traceFindings: false, generateWorkloads: true });
    expect(generated.generated).toMatch(/2-3 threads/);
    const f = generated.findings[0]!;
    expect(f.outcome.finding?.message).toMatch(/inside while a/);
    // the finding's own workload (and its token) has two readers and a writer
    const kinds = f.workload.ops.map((row) => row[0]).sort();
    expect(kinds).toEqual(['read', 'read', 'write']);
    // deterministic given the seed
    const again = await explore({ target: flagRw, variant: 'reader-flag', memory: 'sc', strategy: 'default', seed: 1, runs: 2000, traceFindings: false, generateWorkloads: true });
    expect(again.findings[0]!.execution).toBe(f.execution);
    expect(again.findings[0]!.replay).toBe(f.replay);
  });

  it('a stated --threads/--ops, an explicit workload, the variant\'s own workload or dfs pins the workload', () => {
    expect(pinsWorkload(flagRw, 'reader-flag', { strategy: 'default' })).toBe(false);
    expect(pinsWorkload(flagRw, 'reader-flag', { strategy: 'default', threads: 3 })).toBe(true);
    expect(pinsWorkload(flagRw, 'reader-flag', { strategy: 'default', ops: 1 })).toBe(true);
    expect(pinsWorkload(flagRw, 'reader-flag', { strategy: 'default', workload: { ops: [['read']] } })).toBe(true);
    expect(pinsWorkload(flagRw, 'reader-flag', { strategy: 'dfs' })).toBe(true);
    const stated = { ...flagRw, variants: [{ ...flagRw.variants[0]!, defaultWorkload: { ops: [['write'], ['read']] } }] } as Target;
    expect(pinsWorkload(stated, 'reader-flag', { strategy: 'default' })).toBe(true);
    const counts = { ...flagRw, variants: [{ ...flagRw.variants[0]!, hint: { threads: 2 } }] } as Target;
    expect(pinsWorkload(counts, 'reader-flag', { strategy: 'default' })).toBe(true);
  });
});
