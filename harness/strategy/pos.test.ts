import { PosStrategy } from './pos';
import { exploreSynthetic, runSynthetic } from './synthetic-tree';

describe('PosStrategy', () => {
  const p = { threads: ['swcs', 'wsw', 'sss'] };

  it('is deterministic per seed, varies with the seed, and execution i depends only on (seed, i)', () => {
    const a = exploreSynthetic(p, new PosStrategy({ seed: 4 }), 30).map((r) => r.events.join(''));
    expect(exploreSynthetic(p, new PosStrategy({ seed: 4 }), 30).map((r) => r.events.join(''))).toEqual(a);
    expect(exploreSynthetic(p, new PosStrategy({ seed: 5 }), 30).map((r) => r.events.join(''))).not.toEqual(a);
    const alone = new PosStrategy({ seed: 4 });
    alone.beginExecution(17);
    const all = exploreSynthetic(p, new PosStrategy({ seed: 4 }), 18);
    expect(runSynthetic(p, alone).events).toEqual(all[17].events);
  });

  it('produces long pauses: some run keeps a runnable thread waiting for 6+ steps of others', () => {
    const runs = exploreSynthetic({ threads: ['ssssssss', 'ssssssss'] }, new PosStrategy({ seed: 1 }), 200);
    const longestPause = (ev: string[]): number => {
      let best = 0;
      let run = 0;
      for (let i = 1; i < ev.length; i++) {
        run = ev[i] === ev[i - 1] ? run + 1 : 0;
        if (ev.slice(i + 1).some((e) => e !== ev[i])) best = Math.max(best, run);
      }
      return best;
    };
    expect(Math.max(...runs.map((r) => longestPause(r.events)))).toBeGreaterThanOrEqual(6);
    expect(new Set(runs.map((r) => r.events.join(''))).size).toBeGreaterThan(50);
  });

  it('hands over after the prefix limit', () => {
    const [r] = exploreSynthetic({ threads: ['ssss', 'ssss'] }, new PosStrategy({ seed: 1, prefixLimit: 3 }), 1);
    expect(r.handedOverAt).toBe(3);
  });
});
