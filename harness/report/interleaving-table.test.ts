import { runExecution } from '../runtime/execute';
import type { ThreadApi } from '../runtime/thread-api';
import { ListStrategy, options, testTarget } from '../runtime/test-support/test-target';
import { formatFinding, formatInterleaving } from './interleaving-table';

describe('formatInterleaving', () => {
  const sb = testTarget((env) => {
    const x = env.mem.cell('x');
    const y = env.mem.cell('y', 0, (v) => `Y${v}`);
    return {
      threads: [
        { name: 'cpu0', body: function* (t: ThreadApi) { t.at('store x'); yield* t.writeOnce(x, 1); t.at('load y'); t.assert((yield* t.readOnce(y)) === 1, 'SB: both loads read 0'); } },
        { name: 'cpu1', body: function* (t: ThreadApi) { t.at('store y'); yield* t.writeOnce(y, 1); yield* t.readOnce(x); } },
      ],
    };
  });

  it('shows one column per cpu, flushes in the cpu column, formatted values and the finding', () => {
    // cpu0 stores x, cpu1 stores y and loads x (0), cpu0 loads y (0): the SB outcome under tso
    const o = runExecution(options(sb, new ListStrategy([0, 1, 0, 0]), 'tso', { recordTrace: true }));
    expect(o.verdict).toBe('violation');
    const text = formatInterleaving(o);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('verdict violation | 4 steps | 1 preemptions | decisions [0,1,0,0]');
    expect(lines[1]).toMatch(/^\(preemptions = switches away from a thread that could have continued/);
    expect(lines[2]).toMatch(/^step \| cpu0 +\| cpu1$/);
    expect(lines.slice(4, 11).map((l) => l.replace(/ +/g, ' '))).toEqual([
      ' | @ store x |',
      ' 1 | writeOnce x = 1 |',
      ' | | @ store y',
      ' 2 | | writeOnce y = Y1',
      ' 3 | | readOnce x -> 0',
      ' | | exit',
      ' | @ load y |',
    ]);
    expect(lines[11]).toMatch(/^ {3}4 \| readOnce y -> Y0/);
    expect(text).toContain('VIOLATION: SB: both loads read 0');
    expect(text).toContain('  thread: cpu0');
    expect(text).toContain('  at: load y');
  });

  it('puts flushes in the column of the flushing cpu', () => {
    const o = runExecution(options(sb, new ListStrategy([0, 2], 0), 'tso', { recordTrace: true }));
    const flushLine = formatInterleaving(o).split('\n').find((l) => l.includes('flush'));
    expect(flushLine).toMatch(/^ {3}2 \| flush x = 1/);
  });

  it('says when no trace was recorded and lists stuck threads for a cpu spinning forever', () => {
    const t = testTarget((env) => {
      const l = env.mem.cell('l', 1);
      return { threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { th.at('lock'); yield* th.spinLock(l); } }], describe: () => ['l held forever'] };
    });
    const o = runExecution(options(t, new ListStrategy([])));
    const text = formatInterleaving(o);
    expect(text).toContain('(no trace recorded');
    expect(formatFinding(o)).toBe([
      'HANG: no thread can make progress, a cpu spins or halts forever: cpu0 spinning at lock',
      '  at: lock',
      '  stuck threads:',
      '    cpu0  spinning at lock: waiting for l: spin_lock: lock free (value 1)',
      '  state:',
      '    l held forever',
    ].join('\n'));
  });

  it('marks the start of the fair continuation and elides the middle of long tables', () => {
    const t = testTarget((env) => {
      const f = env.mem.cell('flag');
      return {
        threads: [
          { name: 'cpu0', body: function* (th: ThreadApi) { th.at('spin'); while ((yield* th.readOnce(f)) === 0) yield* th.cpuRelax(); } },
          { name: 'cpu1', body: function* (th: ThreadApi) { yield* th.cpuRelax(); } },
        ],
      };
    });
    const o = runExecution(options(t, new ListStrategy([0]), 'sc', { recordTrace: true }));
    expect(o.verdict).toBe('hang');
    const full = formatInterleaving(o, { maxRows: Infinity });
    expect(full).toContain('| --- strategy prefix ended after 1 steps: fair round-robin continuation ---');
    expect(full).not.toContain('rows omitted');
    const short = formatInterleaving(o, { maxRows: 10 });
    const rows = o.trace!.length + 1; // + the '@ spin' program point line (the fair row becomes the separator)
    expect(short).toContain(`... ${rows - 10} rows omitted ...`);
    expect(short).toContain('HANG: every live thread spins');
  });
});
