/**
 * Build a corpus entry from a failing execution: the one place where an ExecutionOutcome
 * becomes saved data, so the fuzzer, `run --save` and tests all write the same shape.
 */
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { ExecutionOutcome, Finding } from '../runtime/outcome';
import type { Workload } from '../target/target';
import { CORPUS_FORMAT_VERSION, type CorpusEntry, type CorpusProvenance, type MinimalityNote } from './corpus-entry';
import { findingSignature } from './finding-signature';
import { copyWorkload } from '../target/workload-args';

/** What `buildCorpusEntry` needs besides the outcome. */
export interface CorpusEntryInput {
  readonly target: string;
  /** Module of a file target, relative to the project root (absent for built-in targets). */
  readonly targetModule?: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly knobs: Readonly<MemoryKnobs>;
  readonly workload: Workload;
  readonly maxSteps: number;
  readonly fairWindow?: number;
  /** The failing (preferably shrunk) execution; must carry a finding. */
  readonly outcome: Pick<ExecutionOutcome, 'decisions' | 'preemptions'> & { readonly finding?: Finding };
  readonly source: CorpusProvenance;
  /** What the search for fewer preemptions proved (fuzz/minimal-search.ts), when it ran. */
  readonly minimal?: MinimalityNote;
  /** HARNESS_VERSION of the writer. */
  readonly harnessVersion: string;
  /** ISO date string (the caller's clock; none inside harness/). */
  readonly date: string;
}

/** A versioned corpus entry for `input.outcome`; throws if the outcome has no finding (a harness bug). */
export function buildCorpusEntry(input: CorpusEntryInput): CorpusEntry {
  const finding = input.outcome.finding;
  if (!finding) throw new Error('buildCorpusEntry: the outcome has no finding');
  return {
    formatVersion: CORPUS_FORMAT_VERSION,
    target: input.target,
    ...(input.targetModule === undefined ? {} : { targetModule: input.targetModule }),
    variant: input.variant,
    memory: input.memory,
    knobs: { ...input.knobs },
    workload: copyWorkload(input.workload),
    decisions: [...input.outcome.decisions],
    maxSteps: input.maxSteps,
    ...(input.fairWindow === undefined ? {} : { fairWindow: input.fairWindow }),
    finding: {
      kind: finding.kind,
      message: finding.message,
      signature: findingSignature(finding),
      preemptions: input.outcome.preemptions,
      locations: [...new Set(finding.locations)].sort(),
      ...(input.minimal !== undefined ? { minimal: { ...input.minimal } } : {}),
    },
    source: { ...input.source },
    harnessVersion: input.harnessVersion,
    date: input.date,
  };
}
