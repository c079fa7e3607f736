import type { Cell } from '../../harness';
import { legalLockedBytes, VCPU_HALTED } from './qspin-config';
import { formatRef, refCpu, tailCpu, tailIdx } from './lock-word';
import type { QspinWorld } from './qspin-world';

/** Reads committed memory (captured from a thread's `t.peek` at priming). */
export type Peek = (c: Cell) => number;

/**
 * The section-8 invariants checked after every step on committed memory and ghost state:
 * I-LW (legal lock word, tail names a queued cpu), I-H1 (at most one hash entry or pv_hash in
 * flight per lock), I-H2 (no entry for a cpu outside that lock's slowpath), I-S (v4.8: a head
 * never publishes `halted`) and I-C (hash-val: an entry implies HASH or SLOW in the lock byte).
 * With `strictHash` off the hash checks become diagnostics. Returns a message or undefined.
 */
export function checkInvariant(w: QspinWorld, peek: Peek): string | undefined {
  const g = w.ghost;
  const cfg = w.config;
  const legal = legalLockedBytes(cfg.flavour);
  for (const l of w.locks) {
    const v = peek(l.val);
    const locked = v & 0xff;
    if (!legal.includes(locked)) return `I-LW: ${l.name}.locked = ${locked}, legal values are ${legal.join(', ')}`;
    if (((v >>> 8) & 0xff) > 1) return `I-LW: ${l.name}.pending = ${(v >>> 8) & 0xff}, must be 0 or 1`;
    if (v >>> 16 !== 0) {
      const cpu = tailCpu(v);
      const idx = tailIdx(v);
      if (cpu >= w.cpus || idx >= g.count[cpu] || g.slowpathLock[cpu] !== l.index) {
        return `I-LW: ${l.name} tail names cpu${cpu}/${idx}, which is not queued on ${l.name}`;
      }
    }
  }
  if (w.hash.length > 0) {
    const msg = hashInvariant(w);
    if (msg !== undefined) {
      if (cfg.strictHash) return msg;
      g.note(msg);
    }
  }
  if (cfg.flavour === 'pv' && cfg.headWaitState !== VCPU_HALTED) {
    for (let c = 0; c < w.cpus; c++) {
      if (g.inHeadWait[c] === 1 && peek(w.nodes[c][0].state) === VCPU_HALTED) {
        return `I-S: cpu${c} is queue head in pv_wait_head_or_lock with node state vcpu_halted`;
      }
    }
  }
  if (cfg.flavour === 'hash-val') {
    for (let s = 0; s < w.hash.length; s++) {
      const li = g.slotLock[s];
      if (li < 0) continue;
      const b = peek(w.locks[li].locked);
      if (b !== 3 && b !== 7) return `I-C: hash[${s}] holds ${w.locks[li].name} but its locked byte is ${b} (not HASH or SLOW)`;
    }
  }
  return undefined;
}

function slotText(w: QspinWorld, s: number): string {
  const g = w.ghost;
  return `hash[${s}]=(${w.locks[g.slotLock[s]].name}, ${formatRef(g.slotNode[s])})`;
}

function hashInvariant(w: QspinWorld): string | undefined {
  const g = w.ghost;
  for (const l of w.locks) {
    if (g.hashCount(l.index) <= 1) continue;
    const parts: string[] = [];
    for (let s = 0; s < w.hash.length; s++) if (g.slotLock[s] === l.index) parts.push(slotText(w, s));
    for (let c = 0; c < w.cpus; c++) if (g.hashing[c] === l.index) parts.push(`pv_hash(${l.name}) in flight on cpu${c}`);
    return `I-H1: ${parts.length} hash entries for one lock ${l.name}: ${parts.join(', ')}`;
  }
  for (let s = 0; s < w.hash.length; s++) {
    const li = g.slotLock[s];
    if (li < 0) continue;
    const cpu = refCpu(g.slotNode[s]);
    if (g.slowpathLock[cpu] !== li) return `I-H2: stale hash entry ${slotText(w, s)}: cpu${cpu} is not in the slowpath of ${w.locks[li].name}`;
  }
  return undefined;
}

/** I-Q at quiescence: every lock free, hash table empty, no kick owed, no node in use. */
export function checkAtEnd(w: QspinWorld, peek: Peek): string | undefined {
  const g = w.ghost;
  for (const l of w.locks) {
    const v = peek(l.val);
    if (v !== 0) return `I-Q: ${l.name} = 0x${v.toString(16)} after every cpu finished (expected 0)`;
  }
  for (let s = 0; s < w.hash.length; s++) {
    if (g.slotLock[s] < 0) continue;
    const msg = `I-Q: leak: stale entry ${slotText(w, s)} left in the hash table at quiescence`;
    if (w.config.strictHash) return msg;
    g.note(msg);
  }
  for (let c = 0; c < w.cpus; c++) {
    if (g.kickOwed[c] !== 0) return `I-Q: a kick owed to cpu${c} was never sent`;
    if (g.count[c] !== 0) return `I-Q: cpu${c} still holds ${g.count[c]} queue node(s)`;
  }
  return undefined;
}
