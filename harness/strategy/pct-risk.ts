/**
 * Residual risk of PCT (Burckhardt et al. ASPLOS 2010, Theorem 1): one run finds a given bug
 * of depth d with probability at least 1 / (n * k^(d-1)) for n threads and k steps, so m
 * independent runs all miss it with probability at most (1 - 1/(n * k^(d-1)))^m.
 * `fraction` scales the per-run guarantee when only a fraction of the runs are plain PCT
 * (the portfolio, or PCT runs with lazily scheduled store buffers).
 */
export function pctMissProbability(n: number, k: number, depth: number, runs: number, fraction = 1): number {
  if (n < 1 || k < 1 || depth < 1 || runs <= 0) return 1;
  const perRun = fraction / (n * Math.pow(k, depth - 1));
  if (perRun >= 1) return 0;
  // exp(m * log1p(-p)) keeps precision when p is tiny
  return Math.exp(runs * Math.log1p(-perRun));
}

/** One line for reports, e.g. "PCT d=2 (n=3, k=57): a depth-2 bug is missed by 400 runs with probability <= 9.6%". */
export function formatPctRisk(n: number, k: number, depth: number, runs: number, fraction = 1): string {
  const miss = pctMissProbability(n, k, depth, runs, fraction);
  const pct = miss * 100;
  const shown = pct >= 10 ? pct.toFixed(0) : pct >= 0.1 ? pct.toFixed(1) : pct.toExponential(1);
  return `PCT d=${depth} (n=${n}, k=${k}): a depth-${depth} bug is missed by ${runs} run${runs === 1 ? '' : 's'} with probability <= ${shown}%`;
}
