/**
 * Finding signatures: the dedup key of a campaign (issue 5: "kind + the program points
 * involved"), so each bug is reported once with a count. Stable across runs, shards and
 * harness versions: it depends only on the finding's kind and its program points, never on
 * step numbers, thread ids or values.
 */
import type { Finding } from '../runtime/outcome';
import type { CorpusFindingKind } from './corpus-entry';

/** The part of a finding a signature is computed from. */
export interface SignatureSource {
  readonly kind: CorpusFindingKind;
  readonly locations: readonly string[];
  /** Used only when there are no locations (see `findingSignature`). */
  readonly message?: string;
}

/**
 * Signature = `kind:` + the sorted, de-duplicated program points joined by `|`.
 * A finding with no program point (e.g. a history that is not linearizable as a whole)
 * falls back to its message with every number replaced by `#`, so op ids and values do not
 * split one bug into many.
 */
export function findingSignature(source: SignatureSource | Finding): string {
  const points = [...new Set(source.locations)].sort();
  if (points.length > 0) return `${source.kind}:${points.join('|')}`;
  const msg = (source.message ?? '').replace(/0x[0-9a-f]+|\d+/gi, '#').replace(/\s+/g, ' ').trim();
  return msg.length > 0 ? `${source.kind}:~${msg}` : `${source.kind}:`;
}

/** Kind part of a signature (text before the first `:`). */
export function signatureKind(signature: string): string {
  const i = signature.indexOf(':');
  return i < 0 ? signature : signature.slice(0, i);
}
