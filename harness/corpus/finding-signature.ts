/**
 * Finding signatures: the dedup key of a campaign (issue 5: "kind + the program points
 * involved"; issue 13 item 5: the violated property first), so each bug is reported once with
 * a count. Stable across runs, shards and
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
 * The property a violation breaks, when the harness itself names it (issue 13 item 5:
 * grouping by root cause). Two threads inside one critical section shows as the
 * critical-section monitor firing, as a lost update of the protected counter found at the end
 * (the sections did not overlap in time but their stores did: a store buffer), or as the mutex
 * spec's "acquired the mutex while ... held it" in the history: one bug, one signature.
 */
export function violatedProperty(kind: string, message: string | undefined): string | undefined {
  if (kind !== 'violation' || message === undefined) return undefined;
  if (/^mutual exclusion violated\b/.test(message) || /^lost update\b/.test(message) || /\bacquired the mutex\b.*\b(held|holding)\b/.test(message)) return 'mutual exclusion';
  return undefined;
}

/**
 * Signature = the root cause of a finding, as far as one run shows it:
 * - a violation of a property the harness names (violatedProperty): `violation:property:<name>`;
 * - a history that is not linearizable: `violation:spec <name>: <rule>` (numbers in the spec
 *   name as `#`: barrier:3 and barrier:2 are one spec), the checker's reason with numbers as `#`
 *   and parentheses dropped (which operation kinds the explanation happened
 *   to blame, acquire or try-acquire, no longer splits one bug);
 * - otherwise `kind:` + the normalised (`normalizeProgramPoint`), sorted, de-duplicated program
 *   points joined by `|` (where the assertion fired, where the stuck threads wait);
 * - no program point: the message with every number replaced by `#`.
 */
export function findingSignature(source: SignatureSource | Finding): string {
  const property = violatedProperty(source.kind, source.message);
  if (property !== undefined) return `${source.kind}:property:${property}`;
  const spec = source.locations.find((l) => l.startsWith('spec:'));
  if (source.kind === 'violation' && spec !== undefined) return `${source.kind}:spec ${normalizeProgramPoint(spec.slice(5))}: ${specRule(source.message ?? '')}`;
  const points = [...new Set(source.locations.map(normalizeProgramPoint))].sort();
  if (points.length > 0) return `${source.kind}:${points.join('|')}`;
  const msg = (source.message ?? '').replace(/0x[0-9a-f]+|\d+/gi, '#').replace(/\s+/g, ' ').trim();
  return msg.length > 0 ? `${source.kind}:~${msg}` : `${source.kind}:`;
}

/** The rule of a linearizability violation message: the checker's reason after `): `, numbers as `#`, parentheses dropped. */
function specRule(message: string): string {
  const first = message.split('\n')[0]!;
  const i = first.indexOf('): ');
  const reason = i < 0 ? '' : first.slice(i + 3);
  return reason.replace(/\s*\([^()]*\)/g, '').replace(/0x[0-9a-f]+|\d+/gi, '#').replace(/\s+/g, ' ').trim() || 'not linearizable';
}

/**
 * The signature a saved finding stands for under the current rules: recomputed from its
 * program points when the entry kept them, else its stored signature with digits
 * normalised (an entry written before program points were normalised still matches the
 * same bug found today).
 */
export function recordedSignature(finding: CorpusFinding): string {
  if (violatedProperty(finding.kind, finding.message) !== undefined) return findingSignature({ kind: finding.kind, locations: finding.locations ?? [], message: finding.message });
  if (finding.locations !== undefined && finding.locations.length > 0) return findingSignature({ kind: finding.kind, locations: finding.locations, message: finding.message });
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
