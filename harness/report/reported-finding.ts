/**
 * Helpers that turn corpus entries into report findings, so every producer (fuzz, triage,
 * merge) names finding folders the same way.
 */
import * as path from 'node:path';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { targetDirName } from '../corpus/corpus-store';
import { entryHash } from '../corpus/entry-hash';
import type { CellFinding, ReportedFinding } from './campaign-report';

/** Folder of a finding's artefacts inside an --out dir: `findings/<target>/<hash>` (always `/`). */
export function findingDir(entry: CorpusEntry, hash: string = entryHash(entry)): string {
  return path.posix.join('findings', targetDirName(entry.target), hash);
}

/** A report finding for the representative `entry`, seen `count` times (`hash`: its entryHash, when known). */
export function reportedFinding(entry: CorpusEntry, count: number, hash: string = entryHash(entry)): ReportedFinding {
  return {
    signature: entry.finding.signature,
    kind: entry.finding.kind,
    message: entry.finding.message,
    target: entry.target,
    variant: entry.variant,
    memory: entry.memory,
    count,
    preemptions: entry.finding.preemptions,
    entryHash: hash,
    dir: findingDir(entry, hash),
    entry,
  };
}

/** The cell-level view of a report finding. */
export function cellFinding(f: ReportedFinding): CellFinding {
  return { signature: f.signature, kind: f.kind, message: f.message, count: f.count, preemptions: f.preemptions, entryHash: f.entryHash };
}
