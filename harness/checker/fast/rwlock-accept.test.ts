import fc from 'fast-check';
import type { Operation } from '../../history/operation';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkHistory, resolveSpec } from '../index';
import { damagedHistories, fullCheckAnswer, renumbered } from '../testing/quick-accept-cases';

const rwlock = resolveSpec('rwlock');

/** Damage a broken rwlock or recorder makes: swapped modes, lost unlocks, failed or pending tries, keys, late returns. */
const arbDamage = fc.record({
  kind: fc.constantFrom('mode', 'drop', 'pending', 'fail-try', 'succeed-try', 'key', 'dup-id', 'late', 'early', 'swap'),
  at: fc.nat(40), to: fc.nat(40),
});

const MODE: Record<string, string> = { 'read-lock': 'write-lock', 'write-lock': 'read-lock', 'read-unlock': 'write-unlock', 'write-unlock': 'read-unlock', 'try-write-lock': 'try-read-lock', 'try-read-lock': 'try-write-lock' };

function damage(ops: readonly Operation[], d: { kind: string; at: number; to: number }): Operation[] {
  const out = ops.slice();
  if (out.length === 0) return out;
  const i = d.at % out.length, j = d.to % out.length;
  const o = out[i]!;
  switch (d.kind) {
    case 'mode': out[i] = { ...o, f: MODE[o.f] ?? o.f }; break;
    case 'drop': out.splice(i, 1); break;
    case 'pending': out[i] = { ...o, ret: undefined, output: undefined }; break;
    case 'fail-try': out[i] = { ...o, f: d.to % 2 === 0 ? 'try-read-lock' : 'try-write-lock', output: false }; break;
    case 'succeed-try': out[i] = { ...o, f: o.f.startsWith('read') ? 'try-read-lock' : 'try-write-lock', output: d.to % 3 === 0 ? 'yes' : true }; break;
    case 'key': out[i] = { ...o, key: ['k', ''][d.to % 2]! }; break;
    case 'dup-id': out[i] = { ...o, id: out[j]!.id }; break;
    case 'late': out[i] = { ...o, ret: o.ret === undefined ? undefined : o.ret + 0.5 + (d.to % 12) }; break;
    case 'early': out[i] = { ...o, call: o.call - 1 - (d.to % 12) }; break;
    case 'swap': out[i] = out[j]!; out[j] = o; break;
  }
  return renumbered(out, d.kind === 'dup-id');
}

const arbCase = damagedHistories('rwlock', arbDamage, damage, { ops: 11, slack: 12 });

const fullCheck = (ops: readonly Operation[]): string => fullCheckAnswer('rwlock', ops);

const h = (rows: [number, string, unknown, number, number | undefined][]): Operation[] =>
  rows.map(([process, f, output, call, ret], id) => ({ id, process, f, input: null, output, call, ret }));

describe('one-pass accept of reader-writer lock histories (the explorer\'s quick verdict)', () => {
  it('accepts only what the full check finds linearizable, on random and broken histories', () => {
    let accepted = 0, declined = 0;
    fc.assert(fc.property(arbCase, (ops) => {
      if (rwlock.quickAccept!(ops) === undefined) { declined++; return; }
      accepted++;
      expect(fullCheck(ops)).toBe('linearizable');
      if (ops.length <= 7) expect(bruteForceLinearizable(rwlock, ops)).toBe(true);
      expect(checkHistory('rwlock', ops, {}, { verdictOnly: true }).verdict).toBe('linearizable');
    }), { numRuns: 2000, seed: 0x4a11 });
    expect(accepted).toBeGreaterThan(300);
    expect(declined).toBeGreaterThan(300);
  });

  it('accepts overlapping readers, a writer between them, failed tries while held and pending ops', () => {
    const ops = h([
      [0, 'read-lock', null, 0, 1], [1, 'read-lock', null, 0, 2], [2, 'try-write-lock', false, 1, 3], [0, 'read-unlock', null, 3, 4], [1, 'read-unlock', null, 4, 5],
      [2, 'write-lock', null, 4, 6], [0, 'try-read-lock', false, 6, 7], [1, 'try-read-lock', true, 5, 9], [2, 'write-unlock', null, 7, 8], [1, 'read-unlock', null, 10, 11],
      // pending at the end: a try (left out), a read section whose unlock never returned (at its call)
      [0, 'try-write-lock', undefined, 12, undefined], [2, 'read-lock', null, 12, 13], [2, 'read-unlock', null, 14, undefined],
    ]);
    expect(rwlock.quickAccept!(ops)).toBeDefined();
    expect(fullCheck(ops)).toBe('linearizable');
  });

  it('declines the faults, which the full check then blames', () => {
    const cases = [
      // a writer while a reader holds it
      h([[0, 'read-lock', null, 0, 1], [1, 'write-lock', null, 0, 2], [0, 'read-unlock', null, 3, 4], [1, 'write-unlock', null, 5, 6]]),
      // a pending write-lock is no unlock: the writer still holds it when p1 reads
      h([[0, 'write-lock', null, 0, 1], [0, 'write-lock', undefined, 2, undefined], [1, 'read-lock', null, 3, 4]]),
      // unlock in the other mode
      h([[0, 'read-lock', null, 0, 1], [0, 'write-unlock', null, 2, 3]]),
      // a failed try-read-lock while only readers held it
      h([[0, 'read-lock', null, 0, 1], [1, 'try-read-lock', false, 2, 3], [0, 'read-unlock', null, 4, 5]]),
      // a failed try-write-lock while the lock was free
      h([[0, 'write-lock', null, 0, 1], [0, 'write-unlock', null, 2, 3], [1, 'try-write-lock', false, 4, 5]]),
    ];
    for (const ops of cases) {
      expect(rwlock.quickAccept!(ops)).toBeUndefined();
      expect(fullCheck(ops)).toBe('not-linearizable');
    }
  });
});
