import { HAND_OVER, type ChoicePoint, type Strategy } from '../strategy/strategy';
import { RecordingStrategy, ScriptStrategy, dropThread, keepAt } from './choice-script';

const point = (threads: number[], current: number): ChoicePoint => ({
  type: 'schedule', options: threads.map((t) => ({ kind: 'thread' as const, target: t, slot: 0 })), currentRunnable: threads.includes(current), current, step: 0, threadCount: 4,
});
const fixed = (answers: number[]): Strategy => {
  let i = 0;
  return { name: 'fixed', beginExecution: () => { i = 0; return true; }, choose: () => (i < answers.length ? answers[i++] : HAND_OVER), endExecution() {}, exhausted: () => false };
};

describe('choice scripts', () => {
  it('records what was chosen, not the index', () => {
    const rec = new RecordingStrategy(fixed([1, 0]));
    rec.beginExecution(0);
    expect(rec.choose(point([0, 2, 3], 0))).toBe(1);
    expect(rec.choose({ type: 'value', n: 3, thread: 2, step: 1 })).toBe(0);
    expect(rec.choose(point([2, 3], 2))).toBe(HAND_OVER);
    expect(rec.script).toEqual([{ kind: 'thread', target: 2, preempts: true }, { kind: 'value', target: 0 }]);
  });
  it('follows a script by thread identity, skipping entries that name nothing available', () => {
    const s = new ScriptStrategy([{ kind: 'thread', target: 5 }, { kind: 'thread', target: 2 }, { kind: 'thread', target: 0 }]);
    s.beginExecution(0);
    expect(s.choose(point([0, 1, 2], 0))).toBe(2);
    expect(s.choose(point([2, 0], 2))).toBe(1);
    expect(s.choose(point([0], 0))).toBe(HAND_OVER);
  });
  it('keeps the current thread where a preemption was removed, and follows the rest by identity', () => {
    const s = new ScriptStrategy(keepAt([{ kind: 'thread', target: 1, preempts: true }, { kind: 'thread', target: 1 }], 0));
    s.beginExecution(0);
    expect(s.choose(point([0, 1], 0))).toBe(0);
    expect(s.choose(point([0, 1], 0))).toBe(1);
  });
  it('drops a thread and renumbers the ones above it', () => {
    expect(dropThread([{ kind: 'thread', target: 0 }, { kind: 'thread', target: 1 }, { kind: 'flush', target: 2 }, { kind: 'value', target: 1 }], 1))
      .toEqual([{ kind: 'thread', target: 0 }, { kind: 'flush', target: 1 }, { kind: 'value', target: 1 }]);
  });
});
