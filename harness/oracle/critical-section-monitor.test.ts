import { CriticalSectionMonitor } from './critical-section-monitor';

describe('CriticalSectionMonitor', () => {
  it('tracks holders per lock name across interleaved locks', () => {
    const m = new CriticalSectionMonitor(['cpu0', 'cpu1', 'cpu2']);
    expect(m.enter(0, 'A')).toBeUndefined();
    expect(m.enter(1, 'B')).toBeUndefined();
    expect(m.enter(2, 'A')).toBe('mutual exclusion violated: cpu2 entered A while cpu0 is inside');
    expect(m.enter(2, 'B')).toBe('mutual exclusion violated: cpu2 entered B while cpu1 is inside');
    expect(m.occupants()).toEqual([['A', 0], ['B', 1]]);
    expect(m.exit(0, 'A')).toBeUndefined();
    expect(m.enter(2, 'A')).toBeUndefined();
    expect(m.exit(1, 'A')).toBe('critical section misuse: cpu1 left A while cpu2 is inside');
    expect(m.exit(1, 'B')).toBeUndefined();
    expect(m.exit(1, 'B')).toBe('critical section misuse: cpu1 left B without being inside');
    expect(m.enter(2, 'A')).toBe('mutual exclusion violated: cpu2 entered A again while inside it');
    expect(m.occupants()).toEqual([['A', 2]]);
  });
});
