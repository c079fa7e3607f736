/**
 * Which corpus entry represents a finding signature (DECISIONS.md item 9, owner `robust`).
 *
 * A campaign keeps, per cell and signature, the failing run with the smallest (batch,
 * execution) and shrinks it (fuzz/cell-result.ts). Batch indices are global across shards
 * (batch b of a cell runs on shard b mod N, from a seed derived from (campaign seed, cell, b)),
 * and shrinking is a pure function of the run, so the unsharded campaign's representative is
 * the one, among the shards' representatives, whose run came first in that order: the union
 * of the shards equals the unsharded campaign, whichever shard reports first. Entries without
 * a batch (older harnesses, plain corpora) fall back to the smallest run: fewest preemptions,
 * then fewest decisions, then content hash, a total order too.
 */
import type { CorpusEntry } from '../corpus/corpus-entry';

/**
 * Negative when `a` represents its signature before `b`: a total order among the entries of
 * one campaign (all with a batch) and among entries without a batch; an old entry mixed with
 * new ones is compared by size only.
 */
export function compareRepresentatives(a: CorpusEntry, b: CorpusEntry, hashA: string, hashB: string): number {
  const ba = a.source.batch;
  const bb = b.source.batch;
  if (ba !== undefined && bb !== undefined && a.source.campaignSeed === b.source.campaignSeed) {
    if (ba !== bb) return ba - bb;
    const ea = a.source.execution ?? 0;
    const eb = b.source.execution ?? 0;
    if (ea !== eb) return ea - eb;
  }
  if (a.finding.preemptions !== b.finding.preemptions) return a.finding.preemptions - b.finding.preemptions;
  if (a.decisions.length !== b.decisions.length) return a.decisions.length - b.decisions.length;
  return hashA < hashB ? -1 : hashA > hashB ? 1 : 0;
}
