/**
 * Where a target comes from (DECISIONS.md item 3): the built-in registry, or a module file of
 * the user's project. Plain data: it travels to pool workers (structured clone), which load
 * the target again from it.
 */
export type TargetRef =
  | { readonly kind: 'builtin'; readonly name: string }
  | {
      readonly kind: 'file';
      /** Absolute path of the module (what is loaded). */
      readonly path: string;
      /** The module relative to the project root, '/'-separated (what is recorded). */
      readonly module: string;
      /** The target's name inside the module. */
      readonly name: string;
    };

/**
 * The recorded identity of a target in replay tokens, corpus entries and repro.json:
 * `target` is its name; `targetModule` (absent for built-in targets, and in entries written
 * before file targets were recorded) is the module relative to the project root.
 */
export interface RecordedTarget {
  readonly target: string;
  readonly targetModule?: string;
}

/** The recorded form of `ref`. */
export function recordedTarget(ref: TargetRef): RecordedTarget {
  return ref.kind === 'file' ? { target: ref.name, targetModule: ref.module } : { target: ref.name };
}

/** `ticket` or `src/my-lock.ts:mylock`: how messages name a target. */
export function describeRecordedTarget(r: RecordedTarget): string {
  return r.targetModule === undefined ? r.target : `${r.targetModule}:${r.target}`;
}
