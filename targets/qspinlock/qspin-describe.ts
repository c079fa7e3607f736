import { formatLockWord, formatRef, refCpu, tailToRef } from './lock-word';
import type { Peek } from './qspin-checks';
import type { QspinWorld } from './qspin-world';
import { headCell } from './qspin-world';

/** Locked-byte value that tells the unlocker to kick, per flavour. */
function slowByte(w: QspinWorld): number {
  return w.config.flavour === 'hash-val' ? 7 : 3;
}

/**
 * I-W1 (wake-ability, section 8) for a cpu in pv_wait: can anybody still wake it? A kick owed
 * by an unlocker, or, for a head, the lock byte saying SLOW with exactly one hash entry naming
 * its node (v13: byte SLOWPATH and the tail's head pointer naming it). Evaluated when the
 * liveness oracle reports (a blocked cpu is then known to be halted); the runtime's stuck
 * report adds the kick-token state.
 */
function wakeAnalysis(w: QspinWorld, peek: Peek, c: number): string {
  const g = w.ghost;
  const l = w.locks[g.waitLock[c]];
  const kind = g.waitKind[c] === 2 ? `queue head of ${l.name}` : `queued on ${l.name}`;
  if (g.kickOwed[c] > 0) return `cpu${c} in pv_wait (${kind}): an unlocker owes it a kick`;
  if (g.waitKind[c] === 1 && g.mcsHead[l.index] !== c) return `cpu${c} in pv_wait (${kind}): not yet queue head; its predecessor will hand over`;
  const byte = peek(l.locked);
  if (w.config.flavour === 'v13') {
    const tref = tailToRef(peek(l.val));
    const headRef = tref === 0 ? 0 : peek(headCell(w.node(tref)));
    if (byte === slowByte(w) && headRef !== 0 && refCpu(headRef) === c && g.mcsHead[l.index] === c) {
      return `cpu${c} in pv_wait (${kind}): ${l.name} byte is SLOWPATH and the tail's head pointer names it: the unlocker will kick it`;
    }
    return `I-W1: cpu${c} in pv_wait (${kind}) cannot be woken: ${l.name}.locked = ${byte}, tail head pointer ${formatRef(headRef)}, no kick owed`;
  }
  let mine = 0;
  let total = 0;
  for (let s = 0; s < w.hash.length; s++) {
    if (g.slotLock[s] !== l.index) continue;
    total++;
    if (refCpu(g.slotNode[s]) === c) mine++;
  }
  if (g.waitKind[c] === 2 && byte === slowByte(w) && total === 1 && mine === 1) {
    const owner = g.owner[l.index];
    const stuckOwner = owner >= 0 && g.waitKind[owner] !== 0 ? `, but its holder cpu${owner} is itself in pv_wait` : '';
    return `cpu${c} in pv_wait (${kind}): ${l.name} is SLOW with one hash entry naming it: the unlocker will kick it${stuckOwner}`;
  }
  return `I-W1: cpu${c} in pv_wait (${kind}) cannot be woken: ${l.name}.locked = ${byte}, ${total} hash entr${total === 1 ? 'y' : 'ies'} for ${l.name} (${mine} naming cpu${c}), no kick owed`;
}

/** Lines for deadlock and hang reports: lock words, queue heads, hash table, per-cpu state, diagnostics. */
export function describeWorld(w: QspinWorld, peek: Peek): string[] {
  const g = w.ghost;
  const out: string[] = [];
  for (const l of w.locks) {
    const head = g.mcsHead[l.index];
    const owner = g.owner[l.index];
    out.push(`${l.name}.val = ${formatLockWord(peek(l.val))}; held by ${owner < 0 ? 'nobody' : `cpu${owner}`}; MCS queue head: ${head < 0 ? 'none' : `cpu${head}`}`);
  }
  if (w.hash.length > 0) {
    const slots = w.hash.map((slot, s) => {
      const lk = peek(slot.lock);
      return lk === 0 ? `hash[${s}] = free` : `hash[${s}] = (${w.locks[lk - 1]?.name ?? `lock#${lk}`}, ${formatRef(peek(slot.node))})`;
    });
    out.push(`hash table: ${slots.join(', ')}`);
  }
  for (let c = 0; c < w.cpus; c++) {
    const parts: string[] = [];
    const sl = g.slowpathLock[c];
    parts.push(sl < 0 ? 'not in a slowpath' : `in the slowpath of ${w.locks[sl].name}`);
    const n = w.nodes[c][0];
    parts.push(`node ${formatRef(n.ref)} = ${w.formatNode(peek(n.word))}${n.head === null ? '' : `, head=${formatRef(peek(n.head))}`}`);
    if (g.kicksSent[c] > 0) parts.push(`kicks sent to it: ${g.kicksSent[c]}`);
    if (g.headMismatch[c] > 0) parts.push(`head pv_wait returned at once ${g.headMismatch[c]}x (*ptr != val: the lost halt of seeds 5.1)`);
    out.push(`cpu${c}: ${parts.join('; ')}`);
  }
  const tokens: string[] = [];
  for (let c = 0; c < w.cpus; c++) if (g.kickToken[c] === 1) tokens.push(`cpu${c}`);
  out.push(`kick tokens pending: ${tokens.length === 0 ? 'none' : tokens.join(', ')}`);
  for (let c = 0; c < w.cpus; c++) if (g.waitKind[c] !== 0) out.push(wakeAnalysis(w, peek, c));
  for (const d of g.diagnostics) out.push(`diagnostic: ${d}`);
  return out;
}
