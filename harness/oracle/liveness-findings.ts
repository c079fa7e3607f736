import type { Finding, StuckThread } from '../runtime/outcome';
import { stuckSummary } from './stuck-report';

/** Nothing can run (no runnable thread, no buffered store, no deliverable IPI) while threads are unfinished. */
export function deadlockFinding(stuck: readonly StuckThread[], details: readonly string[] | undefined): Finding {
  const f: { -readonly [K in keyof Finding]: Finding[K] } = {
    kind: 'deadlock',
    message: `no thread can run (${stuckSummary(stuck)})`,
    locations: stuck.map((s) => s.location),
    stuck,
  };
  if (details !== undefined) f.details = details;
  return f;
}

/** The fair continuation made no progress (window or spin quiescence): `reason` says which (without the kind: reports print `hang: <message>`). `loopLocations`: the points a livelock cycles through. */
export function hangFinding(reason: string, stuck: readonly StuckThread[], details: readonly string[] | undefined, loopLocations?: readonly string[]): Finding {
  const f: { -readonly [K in keyof Finding]: Finding[K] } = {
    kind: 'hang',
    message: `${reason}: ${stuckSummary(stuck)}`,
    // a livelock: every point its loop passes through; else where each thread is stuck
    locations: loopLocations ?? stuck.map((s) => s.location),
    stuck,
  };
  if (details !== undefined) f.details = details;
  return f;
}
