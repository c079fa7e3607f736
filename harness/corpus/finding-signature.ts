/**
 * Finding signatures: the dedup key of a campaign (issue 5: "kind + the program points
 * involved"), so each bug is reported once with a count. Stable across runs, shards and
 * harness versions: it depends only on the finding's kind and its program points, never on
 * step numbers, thread ids or values.
 */
import type { Finding } from '../runtime/outcome';
import type { CorpusFinding, CorpusFindingKind } from './corpus-entry';

/** The part of a finding a signature is computed from. */
export interface SignatureSource {
  readonly kind: CorpusFindingKind;
  readonly locations: readonly string[];
  /** Used only when there are no locations (see `findingSignature`). */
  readonly message?: string;
}

/**
 * A program point with every run of digits replaced by `#`. Models name points after the
 * instance they run in (`T_3(arg_3) [teardown callback]`, `spin while smp_rv_waiters[0] < 4`,
 * `cpu_up(1)`); the same line of the same model in another instance or with another thread
 * count is the same bug, so the numbers must not split it into many signatures.
 */
export function normalizeProgramPoint(point: string): string {
  return point.replace(/\d+/g, '#');
}

/**
 * Signature = `kind:` + the normalised (`normalizeProgramPoint`), sorted, de-duplicated
 * program points joined by `|`. A finding with no program point (e.g. a history that is not
 * linearizable as a whole) falls back to its message with every number replaced by `#`, so
 * op ids and values do not split one bug into many.
 */
export function findingSignature(source: SignatureSource | Finding): string {
  const points = [...new Set(source.locations.map(normalizeProgramPoint))].sort();
  if (points.length > 0) return `${source.kind}:${points.join('|')}`;
  const msg = (source.message ?? '').replace(/0x[0-9a-f]+|\d+/gi, '#').replace(/\s+/g, ' ').trim();
  return msg.length > 0 ? `${source.kind}:~${msg}` : `${source.kind}:`;
}

/**
 * The signature a saved finding stands for under the current rules: recomputed from its
 * program points when the entry kept them, else its stored signature with digits
 * normalised (an entry written before program points were normalised still matches the
 * same bug found today).
 */
export function recordedSignature(finding: CorpusFinding): string {
  if (finding.locations !== undefined && finding.locations.length > 0) return findingSignature({ kind: finding.kind, locations: finding.locations });
  const sig = finding.signature;
  const i = sig.indexOf(':');
  if (i < 0 || sig.startsWith('~', i + 1)) return sig;
  const points = sig.slice(i + 1);
  if (points.length === 0) return sig;
  return `${sig.slice(0, i)}:${[...new Set(points.split('|').map(normalizeProgramPoint))].sort().join('|')}`;
}

/** Kind part of a signature (text before the first `:`). */
export function signatureKind(signature: string): string {
  const i = signature.indexOf(':');
  return i < 0 ? signature : signature.slice(0, i);
}
