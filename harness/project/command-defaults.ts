import * as path from 'node:path';
import type { CommandBudget } from './config';
import { ConfigError } from './config-error';
import type { ProjectConfig } from './load-config';
import { isMemoryModelName, MEMORY_MODELS } from '../memory/memory-model';

/** Commands whose flags the environment and the config file can default. */
export type ConfiguredCommand = 'fuzz' | 'run' | 'triage';

/**
 * Flag values of one command as commander gives them (strings, by option name: time, runs,
 * seed, workers, corpus, out, memory, runawayMs); `undefined` = not given.
 */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** The LOCKSTEP_* variables lockstep reads (besides LOCKSTEP_SHARD, LOCKSTEP_SHARD_COUNT of sharding). */
export const LOCKSTEP_ENV: readonly string[] = [
  'LOCKSTEP_CONFIG', 'LOCKSTEP_TARGETS', 'LOCKSTEP_CORPUS', 'LOCKSTEP_REPORTS', 'LOCKSTEP_MEMORY', 'LOCKSTEP_WORKERS',
  'LOCKSTEP_SEED', 'LOCKSTEP_RUNAWAY_MS', 'LOCKSTEP_FUZZ_TIME', 'LOCKSTEP_FUZZ_RUNS', 'LOCKSTEP_RUN_TIME', 'LOCKSTEP_RUN_RUNS',
  'LOCKSTEP_TRIAGE_TIME', 'LOCKSTEP_TRIAGE_RUNS',
];

/**
 * Fill the flags of `command` that were not given from LOCKSTEP_* variables, then from the
 * config file (precedence: flags > environment > config > the command's own defaults). A
 * budget is one setting: --time or --runs on the command line hides both of the lower levels.
 * Config paths are relative to the config file's directory; `date` names the report folder
 * under `reports` (fuzz). Bad variable values are a ConfigError naming the variable.
 */
export function withProjectDefaults(command: ConfiguredCommand, flags: FlagValues, project: ProjectConfig, env: NodeJS.ProcessEnv, date: string): FlagValues {
  const out: FlagValues = { ...flags };
  const c = project.config;
  // config paths are relative to the config; shown relative to the working directory when inside it
  const fromConfig = (p: string): string => {
    const abs = path.resolve(project.root, p);
    const rel = path.relative(process.cwd(), abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  };
  const set = (key: string, envName: string, check: (v: string) => string | undefined, config: string | undefined): void => {
    if (out[key] !== undefined) return;
    const e = env[envName];
    if (e !== undefined && e !== '') {
      const problem = check(e);
      if (problem !== undefined) throw new ConfigError(envName, '', `${problem}, got '${e}'`);
      out[key] = e;
    } else if (config !== undefined) out[key] = config;
  };
  const upper = command.toUpperCase();
  if (out.time === undefined && out.runs === undefined) {
    const t = env[`LOCKSTEP_${upper}_TIME`];
    const r = env[`LOCKSTEP_${upper}_RUNS`];
    if (t && r) throw new ConfigError(`LOCKSTEP_${upper}_TIME`, '', `and LOCKSTEP_${upper}_RUNS are both set: give one budget`);
    if (t) out.time = checked(`LOCKSTEP_${upper}_TIME`, t, command === 'run' ? positiveNumber : (v) => int(v, 1));
    else if (r) out.runs = checked(`LOCKSTEP_${upper}_RUNS`, r, (v) => int(v, 1));
    else {
      const b: CommandBudget | undefined = c[command];
      if (b?.time !== undefined) out.time = String(b.time);
      if (b?.runs !== undefined) out.runs = String(b.runs);
    }
  }
  set('seed', 'LOCKSTEP_SEED', (v) => int(v, 0), c.seed === undefined ? undefined : String(c.seed));
  set('runawayMs', 'LOCKSTEP_RUNAWAY_MS', (v) => int(v, 10), c.runawayMs === undefined ? undefined : String(c.runawayMs));
  if (command === 'run') return out;
  set('workers', 'LOCKSTEP_WORKERS', (v) => int(v, 0), c.workers === undefined ? undefined : String(c.workers));
  // the --memory syntax: a model of MEMORY_MODELS, a comma-separated list of them, or all
  set('memory', 'LOCKSTEP_MEMORY', memoryProblem, c.memory === undefined ? undefined : c.memory.join(','));
  set('corpus', 'LOCKSTEP_CORPUS', () => undefined, c.corpus === undefined ? undefined : fromConfig(c.corpus));
  if (command === 'fuzz' && out.out === undefined) {
    const reports = env.LOCKSTEP_REPORTS || (c.reports !== undefined ? fromConfig(c.reports) : undefined);
    if (reports !== undefined) out.out = path.join(reports, date.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
  }
  return out;
}

/** Target arguments from LOCKSTEP_TARGETS (comma-separated) or the config, resolved from the config's directory; undefined = none configured. */
export function configuredTargets(project: ProjectConfig, env: NodeJS.ProcessEnv): string[] | undefined {
  const e = env.LOCKSTEP_TARGETS;
  if (e !== undefined && e.trim() !== '') return e.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return project.config.targets?.map((t) => (path.isAbsolute(t) ? t : path.join(project.root, t)));
}

function checked(name: string, v: string, check: (v: string) => string | undefined): string {
  const problem = check(v);
  if (problem !== undefined) throw new ConfigError(name, '', `${problem}, got '${v}'`);
  return v;
}

function int(v: string, min: number): string | undefined {
  return /^\d+$/.test(v) && Number(v) >= min && Number.isSafeInteger(Number(v)) ? undefined : `expected an integer >= ${min}`;
}

function positiveNumber(v: string): string | undefined {
  return /^\d+(\.\d+)?$/.test(v) && Number(v) > 0 ? undefined : 'expected a positive number of seconds';
}

/** Why `v` is no --memory value (undefined when it is one). */
function memoryProblem(v: string): string | undefined {
  if (v === 'all' || v.split(',').every((m) => isMemoryModelName(m.trim()))) return undefined;
  return `expected ${MEMORY_MODELS.join(', ')}, a comma-separated list of them, or all`;
}
