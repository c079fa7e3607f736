import { MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import { ConfigError } from './config-error';

/** Budget of a command: a wall-clock time in seconds, or runs (per cell / side). */
export interface CommandBudget {
  /** Wall-clock budget in seconds. */
  readonly time?: number;
  /** Runs per cell (fuzz), per variant (run), per side and memory model (triage). */
  readonly runs?: number;
}

/**
 * `lockstep.config.ts` (or .mts/.cts/.js/.mjs/.cjs/.json), found from the working directory
 * upward like jest.config / vitest.config. Paths are relative to the config file's
 * directory, which is also the project root recorded module paths are relative to.
 * Precedence: command-line flags > LOCKSTEP_* environment variables > this file > defaults.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'lockstep';
 * export default defineConfig({ targets: ['locks/*.ts'], corpus: 'lockstep/corpus', fuzz: { time: 60 } });
 * ```
 */
export interface LockstepConfig {
  /**
   * Target files or globs (`locks/**\/*.ts`, `src/spin.ts:fixed`): what `lockstep list`, `run`
   * and `fuzz` take when no target is named (instead of the built-in targets).
   */
  readonly targets?: readonly string[];
  /** Corpus directory: `fuzz` saves new entries there, `triage` and the test-runner regression mode replay it (default `corpus`). */
  readonly corpus?: string;
  /** Where `fuzz` writes its report folders, `<reports>/<timestamp>/` (default `reports`). */
  readonly reports?: string;
  /** Memory models of `fuzz` and `triage` (default: all). */
  readonly memory?: readonly MemoryModelName[];
  /** Worker threads of `fuzz` and `triage` (default: available cores; 0 = in process). */
  readonly workers?: number;
  /** Seed of `fuzz` and `triage` campaigns and of `run` (defaults: 1, and 24301 for run). */
  readonly seed?: number;
  /** Kill a run that does not yield for this long (ms; default 10000). */
  readonly runawayMs?: number;
  /** Default budget of `lockstep fuzz` (default 45 s). */
  readonly fuzz?: CommandBudget;
  /** Default budget of `lockstep run` (default 20000 runs per variant). */
  readonly run?: CommandBudget;
  /** Default budget of `lockstep triage` (default 2000 runs per side). */
  readonly triage?: CommandBudget;
}

/**
 * Declare the config with its type checked in place (an identity function, like vitest's):
 * `export default defineConfig({ ... })`.
 */
export function defineConfig(config: LockstepConfig): LockstepConfig {
  return config;
}

const MEMORY: readonly string[] = MEMORY_MODELS;
const KEYS: readonly string[] = ['targets', 'corpus', 'reports', 'memory', 'workers', 'seed', 'runawayMs', 'fuzz', 'run', 'triage'];

/**
 * Check a loaded config value key by key; the first problem is a ConfigError naming the file
 * and the key (`lockstep.config.ts: 'fuzz.time' must be a positive number of seconds, got "60s"`).
 */
export function validateConfig(value: unknown, file: string): LockstepConfig {
  const fail = (key: string, what: string, got: unknown): never => {
    throw new ConfigError(file, key, `must be ${what}, got ${JSON.stringify(got) ?? String(got)}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(file, '', `must export a config object (export default defineConfig({ ... })), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) throw new ConfigError(file, k, `is not a lockstep config key (known: ${KEYS.join(', ')})`);
  }
  const str = (k: string): void => { if (o[k] !== undefined && (typeof o[k] !== 'string' || o[k] === '')) fail(k, 'a non-empty path', o[k]); };
  const int = (k: string, v: unknown, min: number): void => { if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= min)) fail(k, `an integer >= ${min}`, v); };
  if (o.targets !== undefined && !(Array.isArray(o.targets) && o.targets.length > 0 && o.targets.every((t) => typeof t === 'string' && t !== ''))) {
    fail('targets', "a non-empty array of target files or globs (e.g. ['locks/*.ts'])", o.targets);
  }
  str('corpus');
  str('reports');
  if (o.memory !== undefined && !(Array.isArray(o.memory) && o.memory.length > 0 && o.memory.every((m) => MEMORY.includes(m as string)))) {
    fail('memory', `a non-empty array of ${MEMORY.join(', ')}`, o.memory);
  }
  int('workers', o.workers, 0);
  int('seed', o.seed, 0);
  int('runawayMs', o.runawayMs, 10);
  for (const cmd of ['fuzz', 'run', 'triage'] as const) {
    const b = o[cmd];
    if (b === undefined) continue;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) fail(cmd, '{ time?: seconds, runs?: number }', b);
    const budget = b as Record<string, unknown>;
    for (const k of Object.keys(budget)) if (k !== 'time' && k !== 'runs') throw new ConfigError(file, `${cmd}.${k}`, 'is not a budget key (known: time, runs)');
    // run --time takes fractions of a second; fuzz and triage budgets are whole seconds
    const whole = cmd !== 'run';
    if (budget.time !== undefined && !(typeof budget.time === 'number' && Number.isFinite(budget.time) && budget.time > 0 && (!whole || Number.isInteger(budget.time)))) {
      fail(`${cmd}.time`, whole ? 'a whole number of seconds >= 1' : 'a positive number of seconds', budget.time);
    }
    int(`${cmd}.runs`, budget.runs, 1);
    if (budget.time !== undefined && budget.runs !== undefined) throw new ConfigError(file, cmd, 'gives both time and runs: give one budget');
  }
  return o as LockstepConfig;
}
