import { BoundedDfsStrategy } from './bounded-dfs';
import { BoundedPorStrategy } from './bounded-por';
import { DecisionsStrategy } from './decisions';
import { PctStrategy } from './pct';
import { PortfolioStrategy } from './portfolio';
import { PosStrategy } from './pos';
import { RandomWalkStrategy } from './random-walk';
import { ReplayStrategy } from './replay';
import type { Strategy } from './strategy';
import { UrwStrategy } from './urw';

/** Everything needed to build any strategy. */
export type StrategySpec =
  | { readonly kind: 'default'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'random'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'pct'; readonly seed: number; readonly depth: number; readonly prefixLimit?: number }
  | { readonly kind: 'pos'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'urw'; readonly seed: number; readonly prefixLimit?: number }
  | {
      readonly kind: 'dfs';
      readonly preemptions: number;
      /** Partial-order reduction (bounded-por.ts); default off here, the drivers choose. */
      readonly reduction?: boolean;
      /** With reduction: search bounds 0..K in turn (default) or only K. */
      readonly iterative?: boolean;
    }
  | { readonly kind: 'decisions'; readonly decisions: readonly number[] }
  | { readonly kind: 'replay'; readonly log: readonly number[] };

/** Build a fresh strategy (each holds its own exploration state; never share one between explorations). */
export function createStrategy(spec: StrategySpec): Strategy {
  switch (spec.kind) {
    case 'default':
      return new PortfolioStrategy({ seed: spec.seed, prefixLimit: spec.prefixLimit });
    case 'random':
      return new RandomWalkStrategy({ seed: spec.seed, prefixLimit: spec.prefixLimit });
    case 'pct':
      return new PctStrategy({ seed: spec.seed, depth: spec.depth, prefixLimit: spec.prefixLimit });
    case 'pos':
      return new PosStrategy({ seed: spec.seed, prefixLimit: spec.prefixLimit });
    case 'urw':
      return new UrwStrategy({ seed: spec.seed, prefixLimit: spec.prefixLimit });
    case 'dfs':
      return spec.reduction === true
        ? new BoundedPorStrategy({ preemptions: spec.preemptions, iterative: spec.iterative })
        : new BoundedDfsStrategy({ preemptions: spec.preemptions });
    case 'decisions':
      return new DecisionsStrategy(spec.decisions);
    case 'replay':
      return new ReplayStrategy(spec.log);
  }
}
