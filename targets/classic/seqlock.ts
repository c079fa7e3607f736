import { checkOpKinds, expectation, pickVariant, readerWriterRole } from '../../harness';
import type { Cell, Instance, Peek, SetupEnv, Target, ThreadApi, ThreadSpec, Workload } from '../../harness';
import { isEven } from './predicates';

interface SeqlockOptions {
  /** Reader re-reads the sequence after the data and retries when it moved (read_seqretry). */
  readonly readerRechecks: boolean;
  /** Writer makes the sequence odd before touching the data (write_seqlock). */
  readonly writerMarksOdd: boolean;
  /** The reader's smp_rmb after read_seqbegin and before read_seqretry (a no-op on x86). */
  readonly readerRmb: boolean;
  /** The writer's smp_wmb after making the sequence odd and before making it even (a no-op on x86). */
  readonly writerWmb: boolean;
}

interface SeqlockCells {
  readonly seq: Cell;
  /** Serialises writers (the spinlock inside seqlock_t). */
  readonly wlock: Cell;
  /** The protected pair: every write stores the same value in both words. */
  readonly x: Cell;
  readonly y: Cell;
}

/** Per-execution state of one thread of the seqlock workload. */
interface SeqThreadState {
  readonly ops: readonly string[];
  /** Thread index (decides the role of `mixed` ops and the values written). */
  readonly index: number;
  readonly c: SeqlockCells;
  readonly o: SeqlockOptions;
  readonly ghost: { peek: Peek | undefined };
}

// Generators are module-level and each thread binds its state with an arrow wrapper: a
// generator function created per execution gets a fresh prototype and hidden class on its
// first call, which keeps the execution alive until a full GC and leaves `yield*` uncached.

/** write_seqlock, store the pair, write_sequnlock; history `write(v)`. */
function* seqWrite(t: ThreadApi, c: SeqlockCells, o: SeqlockOptions, v: number) {
  t.at('seqlock: write_seqlock');
  t.invoke('write', v);
  yield* t.spinLock(c.wlock);
  const s = yield* t.readOnce(c.seq);
  if (o.writerMarksOdd) {
    t.at('seqlock: seq = odd');
    yield* t.writeOnce(c.seq, s + 1);
    if (o.writerWmb) yield* t.smp_wmb();
  }
  t.at('seqlock: write x');
  yield* t.writeOnce(c.x, v);
  t.at('seqlock: write y');
  yield* t.writeOnce(c.y, v);
  t.at('seqlock: write_sequnlock');
  if (o.writerWmb) yield* t.smp_wmb();
  yield* t.writeOnce(c.seq, s + 2);
  yield* t.spinUnlock(c.wlock);
  t.ok();
}

/** read_seqbegin, read the pair, read_seqretry; history `read() -> v`. */
function* seqRead(t: ThreadApi, c: SeqlockCells, o: SeqlockOptions) {
  t.invoke('read');
  let a: number;
  let b: number;
  for (;;) {
    t.at('seqlock: read_seqbegin');
    const s1 = yield* t.waitUntil(c.seq, isEven, 'even (no write in progress)');
    if (o.readerRmb) yield* t.smp_rmb();
    t.at('seqlock: read x');
    a = yield* t.readOnce(c.x);
    t.at('seqlock: read y');
    b = yield* t.readOnce(c.y);
    if (!o.readerRechecks) break;
    t.at('seqlock: read_seqretry');
    if (o.readerRmb) yield* t.smp_rmb();
    if ((yield* t.readOnce(c.seq)) === s1) break;
  }
  t.assert(a === b, `seqlock reader returned a torn pair: x = ${a}, y = ${b}`);
  // The data words start at 0 = "never written"; the register spec starts at null.
  t.ok(a === 0 ? null : a);
}

function* seqThread(t: ThreadApi, s: SeqThreadState) {
  const { ops, index: i, c, o } = s;
  s.ghost.peek ??= (cell: Cell) => t.peek(cell);
  for (let k = 0; k < ops.length; k++) {
    // Distinct values per (thread, op) so the history shows which write a read saw.
    if (readerWriterRole(ops[k], i) === 'write') yield* seqWrite(t, c, o, (i + 1) * 10 + k + 1);
    else yield* seqRead(t, c, o);
  }
  t.at('done');
}

/**
 * Linux seqlock: writers bump the sequence to odd, write the data, bump it to even; readers
 * wait for an even sequence, read the data, and retry if the sequence changed. A reader
 * must never return a torn pair (x != y). History: `write(v)` and `read() -> v` against the
 * register spec (under tso a write returns once its buffered stores are visible).
 */
function seqlockInstance(env: SetupEnv, workload: Workload, o: SeqlockOptions): Instance {
  checkOpKinds('seqlock', workload, ['mixed', 'read', 'write']);
  const c: SeqlockCells = {
    seq: env.mem.cell('seq', 0, (v) => `${v}${v & 1 ? ' (write in progress)' : ''}`),
    wlock: env.mem.cell('seq.wlock', 0),
    x: env.mem.cell('data.x', 0),
    y: env.mem.cell('data.y', 0),
  };
  const ghost: SeqThreadState['ghost'] = { peek: undefined };
  const threads: ThreadSpec[] = workload.ops.map((ops, i) => {
    const state: SeqThreadState = { ops, index: i, c, o, ghost };
    return { name: `cpu${i}`, body: (t: ThreadApi) => seqThread(t, state) };
  });
  return {
    threads,
    describe: () => (ghost.peek ? [`seq = ${ghost.peek(c.seq)}, data = (${ghost.peek(c.x)}, ${ghost.peek(c.y)})`] : []),
  };
}

const BUILDERS: Readonly<Record<string, SeqlockOptions>> = {
  correct: { readerRechecks: true, writerMarksOdd: true, readerRmb: true, writerWmb: true },
  'no-recheck': { readerRechecks: false, writerMarksOdd: true, readerRmb: true, writerWmb: true },
  'writer-no-odd': { readerRechecks: true, writerMarksOdd: false, readerRmb: true, writerWmb: true },
  'no-rmb': { readerRechecks: true, writerMarksOdd: true, readerRmb: false, writerWmb: true },
  'no-wmb': { readerRechecks: true, writerMarksOdd: true, readerRmb: true, writerWmb: false },
};

/** Sequence lock with retrying readers. */
export const seqlockTarget: Target = {
  name: 'seqlock',
  summary: 'seqlock: odd/even sequence, readers retry; a reader must never see a torn (x, y) pair',
  variants: [
    { name: 'correct', summary: 'writer: seq odd, data, seq even; reader: wait for even seq, read, retry if seq moved', expect: expectation('clean') },
    {
      name: 'no-recheck',
      summary: 'BUG: the reader does not re-check the sequence after reading the data: it returns a torn pair',
      expect: expectation('violation'),
    },
    {
      name: 'writer-no-odd',
      summary: 'BUG: the writer only bumps the sequence after writing, never making it odd: readers accept a torn pair',
      expect: expectation('violation'),
    },
    {
      name: 'no-rmb',
      summary: 'BUG on weakly ordered cpus: the reader has no smp_rmb (a no-op on x86): on arm64 its data loads are satisfied outside the sequence checks and it returns a torn pair',
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'arm64-lite',
    },
    {
      name: 'no-wmb',
      summary: 'BUG on weakly ordered cpus: the writer has no smp_wmb (a no-op on x86): on arm64 the data stores become visible outside the odd sequence and a reader returns a torn pair (message passing without smp_wmb)',
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'arm64-lite',
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['mixed', 'read', 'write'] },
  spec: 'register',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    return seqlockInstance(env, workload, pickVariant('seqlock', variant, BUILDERS));
  },
};
