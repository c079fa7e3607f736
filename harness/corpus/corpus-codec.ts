/**
 * Corpus codec: CorpusEntry <-> JSON text, with a version check and a field-by-field
 * validation, so a newer, unknown or hand-broken entry is refused with the file and the field
 * named instead of being misreplayed.
 */
import { defaultMemoryKnobs, MEMORY_MODELS, type MemoryKnobs, type MemoryModelName } from '../memory/memory-model';
import type { JsonValue } from '../target/json-value';
import type { Workload } from '../target/target';
import { argsProblem } from '../target/workload-args';
import { prettyCanonicalJson } from './canonical-json';
import { CORPUS_FORMAT_VERSION, type CorpusEntry, type CorpusFinding, type CorpusFindingKind, type CorpusProvenance, type MinimalityNote } from './corpus-entry';
import { CorpusError } from './corpus-error';

const FINDING_KINDS: readonly CorpusFindingKind[] = ['violation', 'deadlock', 'hang', 'crash', 'runaway'];

/** Encode `entry` as pretty canonical JSON (sorted keys: stable diffs, stable hashes). */
export function encodeEntry(entry: CorpusEntry): string {
  return prettyCanonicalJson(entry);
}

/** Parse and validate the text of a corpus file; throws CorpusError naming `file` and the field. */
export function decodeEntryText(text: string, file = '<input>'): CorpusEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CorpusError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  return decodeEntry(value, file);
}

/** Validate a parsed value as a corpus entry; throws CorpusError naming `file` and the field. */
export function decodeEntry(value: unknown, file = '<input>'): CorpusEntry {
  const r = new Reader(file);
  const o = r.object(value, '');
  const formatVersion = o.formatVersion;
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1) {
    throw new CorpusError(file, 'formatVersion', `expected a positive integer format version, got ${show(formatVersion)}`);
  }
  if (formatVersion > CORPUS_FORMAT_VERSION) {
    throw new CorpusError(file, 'formatVersion', `format ${formatVersion} was written by a newer lockstep (this one reads up to ${CORPUS_FORMAT_VERSION}); upgrade lockstep`);
  }
  const memory = r.string(o.memory, 'memory') as MemoryModelName;
  if (!(MEMORY_MODELS as readonly string[]).includes(memory)) throw new CorpusError(file, 'memory', `expected one of ${MEMORY_MODELS.join(', ')}, got ${show(memory)}`);
  const entry: CorpusEntry = {
    formatVersion,
    target: r.nonEmpty(o.target, 'target'),
    ...(o.targetModule === undefined ? {} : { targetModule: r.nonEmpty(o.targetModule, 'targetModule') }),
    variant: r.nonEmpty(o.variant, 'variant'),
    memory,
    knobs: r.knobs(o.knobs, memory),
    workload: r.workload(o.workload),
    decisions: r.intArray(o.decisions, 'decisions', -1),
    maxSteps: r.int(o.maxSteps, 'maxSteps', 1),
    ...(o.fairWindow === undefined ? {} : { fairWindow: r.int(o.fairWindow, 'fairWindow', 1) }),
    finding: r.finding(o.finding),
    source: r.source(o.source),
    harnessVersion: r.string(o.harnessVersion, 'harnessVersion'),
    date: r.string(o.date, 'date'),
  };
  return entry;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Field readers that throw CorpusError with the field path. */
class Reader {
  constructor(private readonly file: string) {}

  fail(field: string, expected: string, got: unknown): never {
    throw new CorpusError(this.file, field, `expected ${expected}, got ${show(got)}`);
  }

  object(v: unknown, field: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      if (field === '') throw new CorpusError(this.file, '', `expected a JSON object (a corpus entry), got ${show(v)}`);
      this.fail(field, 'an object', v);
    }
    return v as Record<string, unknown>;
  }

  string(v: unknown, field: string): string {
    return typeof v === 'string' ? v : this.fail(field, 'a string', v);
  }

  nonEmpty(v: unknown, field: string): string {
    return typeof v === 'string' && v.length > 0 ? v : this.fail(field, 'a non-empty string', v);
  }

  int(v: unknown, field: string, min: number): number {
    return typeof v === 'number' && Number.isInteger(v) && v >= min ? v : this.fail(field, `an integer >= ${min}`, v);
  }

  intArray(v: unknown, field: string, min: number): number[] {
    if (!Array.isArray(v)) this.fail(field, 'an array of integers', v);
    return v.map((x, i) => this.int(x, `${field}[${i}]`, min));
  }

  knobs(v: unknown, memory: MemoryModelName): MemoryKnobs {
    const o = this.object(v, 'knobs');
    const defaults = defaultMemoryKnobs(memory);
    const known = Object.keys(defaults) as (keyof MemoryKnobs)[];
    for (const k of Object.keys(o)) {
      if (!(known as string[]).includes(k)) throw new CorpusError(this.file, `knobs.${k}`, `unknown memory knob (known: ${known.join(', ')})`);
    }
    const out = { ...defaults };
    // A knob missing from an older entry takes its default (what the harness did then).
    for (const k of known) if (o[k] !== undefined) out[k] = typeof o[k] === 'boolean' ? o[k] : this.fail(`knobs.${k}`, 'a boolean', o[k]);
    return out;
  }

  workload(v: unknown): Workload {
    const o = this.object(v, 'workload');
    if (!Array.isArray(o.ops) || o.ops.length === 0) this.fail('workload.ops', 'a non-empty array (one list of operations per thread)', o.ops);
    const ops = o.ops.map((thread, i) => {
      if (!Array.isArray(thread)) this.fail(`workload.ops[${i}]`, 'an array of operation names', thread);
      return thread.map((op, j) => this.nonEmpty(op, `workload.ops[${i}][${j}]`));
    });
    if (o.args === undefined) return { ops };
    const bad = argsProblem({ ops, args: o.args });
    if (bad !== undefined) throw new CorpusError(this.file, 'workload.args', `expected operation arguments parallel to workload.ops: ${bad}`);
    return { ops, args: o.args as JsonValue[][] };
  }

  finding(v: unknown): CorpusFinding {
    const o = this.object(v, 'finding');
    const kind = o.kind as CorpusFindingKind;
    if (!FINDING_KINDS.includes(kind)) this.fail('finding.kind', `one of ${FINDING_KINDS.join(', ')}`, o.kind);
    let locations: string[] | undefined;
    if (o.locations !== undefined) {
      if (!Array.isArray(o.locations)) this.fail('finding.locations', 'an array of strings', o.locations);
      locations = o.locations.map((s, i) => this.string(s, `finding.locations[${i}]`));
    }
    return {
      kind,
      message: this.string(o.message, 'finding.message'),
      signature: this.nonEmpty(o.signature, 'finding.signature'),
      preemptions: this.int(o.preemptions, 'finding.preemptions', 0),
      ...(locations ? { locations } : {}),
      ...(o.minimal !== undefined ? { minimal: this.minimal(o.minimal) } : {}),
    };
  }

  minimal(v: unknown): MinimalityNote {
    const o = this.object(v, 'finding.minimal');
    if (typeof o.proved !== 'boolean') this.fail('finding.minimal.proved', 'true or false', o.proved);
    return {
      proved: o.proved as boolean,
      atLeast: this.int(o.atLeast, 'finding.minimal.atLeast', 0),
      executions: this.int(o.executions, 'finding.minimal.executions', 0),
      shrunkPreemptions: this.int(o.shrunkPreemptions, 'finding.minimal.shrunkPreemptions', 0),
    };
  }

  source(v: unknown): CorpusProvenance {
    const o = this.object(v, 'source');
    const opt = (k: string, min: number): Record<string, number> => (o[k] === undefined ? {} : { [k]: this.int(o[k], `source.${k}`, min) });
    const seed = o.seed;
    if (typeof seed !== 'number' || !Number.isInteger(seed)) this.fail('source.seed', 'an integer seed', seed);
    return {
      strategy: this.nonEmpty(o.strategy, 'source.strategy'),
      seed,
      ...(o.campaignSeed === undefined ? {} : { campaignSeed: this.int(o.campaignSeed, 'source.campaignSeed', Number.MIN_SAFE_INTEGER) }),
      ...opt('batch', 0),
      ...opt('execution', 0),
      ...opt('shrinkSteps', 0),
    };
  }
}
