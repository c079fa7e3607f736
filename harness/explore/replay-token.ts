import { isMemoryModelName, MEMORY_MODELS, type MemoryKnobs, type MemoryModelName } from '../memory/memory-model';
import type { JsonValue } from '../target/json-value';
import type { Workload } from '../target/target';
import { argsProblem } from '../target/workload-args';

/** Everything one execution needs to be replayed exactly (ARCHITECTURE.md "One decision log"). */
export interface ReplayRecord {
  readonly target: string;
  /** Module of a file target relative to the project root; absent for built-in targets. */
  readonly targetModule?: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  /** Merged knobs of the recorded run (self-contained: later default changes do not alter the replay). */
  readonly knobs: Partial<MemoryKnobs>;
  readonly workload: Workload;
  readonly decisions: readonly number[];
  readonly maxSteps?: number;
}

/** Prefix of version 1 tokens: `ls1.` + base64url(JSON), decisions run-length encoded. */
export const REPLAY_TOKEN_PREFIX = 'ls1.';

/** A token or replay JSON that cannot be read; `message` says what is wrong. */
export class ReplayTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayTokenError';
  }
}

/** Encode a replay record as a compact, self-contained, shell-safe token. */
export function encodeReplayToken(r: ReplayRecord): string {
  const body = {
    t: r.target,
    ...(r.targetModule !== undefined ? { o: r.targetModule } : {}),
    v: r.variant,
    m: r.memory,
    k: r.knobs,
    w: r.workload.ops,
    ...(r.workload.args !== undefined ? { a: r.workload.args } : {}),
    d: encodeDecisions(r.decisions),
    ...(r.maxSteps !== undefined ? { s: r.maxSteps } : {}),
  };
  return REPLAY_TOKEN_PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Decode a token made by {@link encodeReplayToken}; throws ReplayTokenError when malformed. */
export function decodeReplayToken(token: string): ReplayRecord {
  const s = token.trim();
  if (!s.startsWith(REPLAY_TOKEN_PREFIX)) {
    throw new ReplayTokenError(`not a replay token: expected it to start with '${REPLAY_TOKEN_PREFIX}'`);
  }
  const payload = s.slice(REPLAY_TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) throw new ReplayTokenError('replay token: invalid characters after the prefix (expected base64url)');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new ReplayTokenError('replay token: payload is not valid base64url JSON (truncated when copied?)');
  }
  if (!isObject(body)) throw new ReplayTokenError('replay token: payload is not an object');
  return validateReplayRecord(
    { target: body.t, targetModule: body.o, variant: body.v, memory: body.m, knobs: body.k, workload: body.a === undefined ? { ops: body.w } : { ops: body.w, args: body.a }, decisions: typeof body.d === 'string' ? decodeDecisions(body.d) : body.d, maxSteps: body.s },
    'replay token',
  );
}

/**
 * Check an untrusted object (a decoded token or a replay JSON file) field by field; `where`
 * names the source in messages.
 */
export function validateReplayRecord(raw: unknown, where: string): ReplayRecord {
  if (!isObject(raw)) throw new ReplayTokenError(`${where}: expected a JSON object`);
  const str = (name: string): string => {
    const v = raw[name];
    if (typeof v !== 'string' || v.length === 0) throw new ReplayTokenError(`${where}: field '${name}' must be a non-empty string`);
    return v;
  };
  const target = str('target');
  const targetModule = raw.targetModule === undefined ? undefined : str('targetModule');
  const variant = str('variant');
  const memory = raw.memory ?? 'sc';
  if (!isMemoryModelName(memory)) throw new ReplayTokenError(`${where}: field 'memory' must be one of ${MEMORY_MODELS.join(', ')}, got ${JSON.stringify(memory)}`);
  const knobs = raw.knobs ?? {};
  if (!isObject(knobs) || Object.values(knobs).some((v) => typeof v !== 'boolean')) {
    throw new ReplayTokenError(`${where}: field 'knobs' must be an object of booleans`);
  }
  const workload = raw.workload;
  const ops = isObject(workload) ? workload.ops : undefined;
  if (!Array.isArray(ops) || ops.length === 0 || !ops.every((t) => Array.isArray(t) && t.every((o) => typeof o === 'string'))) {
    throw new ReplayTokenError(`${where}: field 'workload' must be {"ops": [[op, ...], ...]} with one array of operation names per thread`);
  }
  const args = isObject(workload) ? workload.args : undefined;
  const bad = argsProblem({ ops: ops as string[][], args });
  if (bad !== undefined) throw new ReplayTokenError(`${where}: field 'workload': ${bad}`);
  const decisions = raw.decisions;
  if (!Array.isArray(decisions) || !decisions.every((d) => Number.isInteger(d) && d >= -1)) {
    throw new ReplayTokenError(`${where}: field 'decisions' must be an array of integers >= 0`);
  }
  const maxSteps = raw.maxSteps;
  if (maxSteps !== undefined && (!Number.isInteger(maxSteps) || (maxSteps as number) < 1)) {
    throw new ReplayTokenError(`${where}: field 'maxSteps' must be a positive integer`);
  }
  return {
    target,
    ...(targetModule !== undefined ? { targetModule } : {}),
    variant,
    memory,
    knobs: knobs as Partial<MemoryKnobs>,
    workload: args === undefined ? { ops: ops as string[][] } : { ops: ops as string[][], args: args as JsonValue[][] },
    decisions: decisions as number[],
    ...(maxSteps !== undefined ? { maxSteps: maxSteps as number } : {}),
  };
}

/**
 * Decisions as text: base36 numbers separated by '.', a run of r equal values written `v*r`
 * (base36 r). Logs are mostly zeros (no preemption), so this is short.
 */
export function encodeDecisions(ds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ds.length; ) {
    let j = i + 1;
    while (j < ds.length && ds[j] === ds[i]) j++;
    const v = ds[i] < 0 ? '-' + (-ds[i]).toString(36) : ds[i].toString(36);
    const r = j - i;
    if (r >= 3) parts.push(`${v}*${r.toString(36)}`);
    else for (let k = 0; k < r; k++) parts.push(v);
    i = j;
  }
  return parts.join('.');
}

/** Inverse of {@link encodeDecisions}; throws ReplayTokenError on garbage. */
export function decodeDecisions(s: string): number[] {
  const out: number[] = [];
  if (s === '') return out;
  for (const part of s.split('.')) {
    const m = /^(-?[0-9a-z]+)(?:\*([0-9a-z]+))?$/.exec(part);
    if (!m) throw new ReplayTokenError(`replay token: bad decision '${part}'`);
    const v = parseInt(m[1], 36);
    const r = m[2] === undefined ? 1 : parseInt(m[2], 36);
    if (r > 10_000_000 || out.length + r > 10_000_000) throw new ReplayTokenError('replay token: decision log too long');
    for (let k = 0; k < r; k++) out.push(v);
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
