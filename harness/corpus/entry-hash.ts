/**
 * Content address of a corpus entry: sha256 of the canonical JSON of its identity fields
 * (what replays it and what it found). Provenance (strategy, seed, date, harness version,
 * message) is left out so the same shrunk failure found by two shards or two nights is one
 * file.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { CorpusEntry, CorpusEntryIdentity } from './corpus-entry';

/** Hex digits of the hash kept in file names (64 bits: collisions are not a practical concern). */
export const ENTRY_HASH_LENGTH = 16;

/** The identity fields of `entry`. */
export function entryIdentity(entry: CorpusEntry): CorpusEntryIdentity {
  return {
    formatVersion: entry.formatVersion,
    target: entry.target,
    targetModule: entry.targetModule,
    variant: entry.variant,
    memory: entry.memory,
    knobs: entry.knobs,
    workload: entry.workload,
    decisions: entry.decisions,
    maxSteps: entry.maxSteps,
    fairWindow: entry.fairWindow,
    kind: entry.finding.kind,
    signature: entry.finding.signature,
  };
}

/** Content hash of `entry` (lower-case hex, ENTRY_HASH_LENGTH digits). */
export function entryHash(entry: CorpusEntry): string {
  return createHash('sha256').update(canonicalJson(entryIdentity(entry))).digest('hex').slice(0, ENTRY_HASH_LENGTH);
}
