import type { SequentialSpec } from '../spec';
import { barrierSpec } from './barrier-spec';
import { casRegisterSpec } from './cas-register-spec';
import { kvNoPartitionSpec, kvSpec } from './kv-spec';
import { mutexCondvarSpec } from './mutex-condvar-spec';
import { mutexSpec } from './mutex-spec';
import { queueSpec } from './queue-spec';
import { registerSpec } from './register-spec';
import { rendezvousSpec } from './rendezvous-spec';
import { rwlockSpec } from './rwlock-spec';
import { semaphoreSpec } from './semaphore-spec';
import { stackSpec } from './stack-spec';

/** One registry entry: builds the spec from the optional parameter after `:` in its name. */
export interface SpecEntry {
  readonly name: string;
  readonly summary: string;
  /** What the parameter means, when the spec takes one. */
  readonly parameter?: string;
  create(param: string | undefined): SequentialSpec<any>;
}

/** Thrown for an unknown spec name or a bad parameter. */
export class UnknownSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownSpecError';
  }
}

function positiveInt(spec: string, param: string | undefined, dflt: number): number {
  if (param === undefined) return dflt;
  if (!/^\d+$/.test(param) || Number(param) < 1) throw new UnknownSpecError(`spec ${spec}: parameter must be a positive integer, got "${param}"`);
  return Number(param);
}

function naturalInt(spec: string, param: string | undefined, dflt: number): number {
  if (param === undefined) return dflt;
  if (!/^\d+$/.test(param)) throw new UnknownSpecError(`spec ${spec}: parameter must be a non-negative integer, got "${param}"`);
  return Number(param);
}

function noParam(spec: string, param: string | undefined): void {
  if (param !== undefined) throw new UnknownSpecError(`spec ${spec} takes no parameter (got "${param}")`);
}

/**
 * One frozen instance of each spec that holds no state of its own and takes no parameter:
 * resolving it is then free (the explorer checks a history per execution). kv keeps a
 * string table per check, so it is built afresh each time.
 */
const SHARED: Readonly<Record<string, SequentialSpec<any>>> = Object.freeze({
  mutex: Object.freeze(mutexSpec()),
  rwlock: Object.freeze(rwlockSpec()),
  register: Object.freeze(registerSpec()),
  'cas-register': Object.freeze(casRegisterSpec()),
  queue: Object.freeze(queueSpec()),
  stack: Object.freeze(stackSpec()),
  rendezvous: Object.freeze(rendezvousSpec()),
});

/** Every spec, by name. `name:param` passes a parameter (e.g. `semaphore:3`, `barrier:4`). */
export const SPEC_REGISTRY: readonly SpecEntry[] = [
  { name: 'mutex', summary: 'mutex with owner; acquire, release, try-acquire', create: (p) => { noParam('mutex', p); return mutexSpec(); } },
  { name: 'rwlock', summary: 'reader-writer lock', create: (p) => { noParam('rwlock', p); return rwlockSpec(); } },
  // semaphore:0 = no permit at first (a signalling semaphore: releases come before acquires)
  { name: 'semaphore', summary: 'counting semaphore', parameter: 'initial permits, 0 or more (default 1)', create: (p) => semaphoreSpec(naturalInt('semaphore', p, 1)) },
  { name: 'register', summary: 'read/write register', create: (p) => { noParam('register', p); return registerSpec(); } },
  { name: 'cas-register', summary: 'read/write/cas register (etcd)', create: (p) => { noParam('cas-register', p); return casRegisterSpec(); } },
  { name: 'kv', summary: 'key-value store partitioned by key', create: (p) => { noParam('kv', p); return kvSpec(); } },
  { name: 'kv-nopartition', summary: 'key-value store, one state for all keys', create: (p) => { noParam('kv-nopartition', p); return kvNoPartitionSpec(); } },
  { name: 'queue', summary: 'FIFO queue', create: (p) => { noParam('queue', p); return queueSpec(); } },
  { name: 'stack', summary: 'LIFO stack', create: (p) => { noParam('stack', p); return stackSpec(); } },
  { name: 'barrier', summary: 'cyclic barrier', parameter: 'parties (default 2)', create: (p) => barrierSpec(positiveInt('barrier', p, 2)) },
  { name: 'rendezvous', summary: 'smp_rendezvous', create: (p) => { noParam('rendezvous', p); return rendezvousSpec(); } },
  {
    name: 'mutex-condvar', summary: 'mutex + condition variable', parameter: '"spurious" allows spurious wake-ups',
    create: (p) => {
      if (p !== undefined && p !== 'spurious') throw new UnknownSpecError(`spec mutex-condvar: parameter must be "spurious", got "${p}"`);
      return mutexCondvarSpec(p === 'spurious');
    },
  },
];

/** Names accepted by {@link resolveSpec}. */
export function specNames(): string[] {
  return SPEC_REGISTRY.map((e) => e.name);
}

/** Build the spec named `name` (`name` or `name:param`); throws UnknownSpecError. */
export function resolveSpec(name: string): SequentialSpec<any> {
  const shared = SHARED[name];
  if (shared !== undefined && Object.prototype.hasOwnProperty.call(SHARED, name)) return shared;
  const colon = name.indexOf(':');
  const base = colon < 0 ? name : name.slice(0, colon);
  const param = colon < 0 ? undefined : name.slice(colon + 1);
  const entry = SPEC_REGISTRY.find((e) => e.name === base);
  if (entry === undefined) throw new UnknownSpecError(`unknown spec "${name}" (expected one of: ${specNames().join(', ')})`);
  return entry.create(param);
}
