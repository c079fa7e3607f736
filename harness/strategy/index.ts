/** Public face of the strategies: the seam, the PRNG, every strategy and the factory. */
export * from './strategy';
export { Prng, createPrng, deriveSeed, hash } from './prng';
export { preemptionCost } from './preemption-cost';
export { RandomWalkStrategy, type RandomWalkConfig } from './random-walk';
export { PctStrategy, type PctConfig, type PctPseudoMode } from './pct';
export { pctMissProbability, formatPctRisk } from './pct-risk';
export { BoundedDfsStrategy, type BoundedDfsConfig, type BoundedDfsStats } from './bounded-dfs';
export { DecisionsStrategy } from './decisions';
export { ReplayStrategy, formatDivergence, type ReplayDivergence } from './replay';
export { PosStrategy, type PosConfig } from './pos';
export { StoreLifetimes } from './store-lifetimes';
export { PortfolioStrategy, type PortfolioConfig } from './portfolio';
export { createStrategy, type StrategySpec } from './create-strategy';
