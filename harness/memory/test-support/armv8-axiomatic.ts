/**
 * A deliberately naive axiomatic reference for arm64-lite, written from the ARMv8 model
 * (herd7's aarch64.cat, Deacon/Alglave/Maranget) rather than from the engine: enumerate every
 * candidate execution (reads-from and coherence order), keep those that satisfy
 *   internal: acyclic(po-loc | rf | co | fr)          (per-location SC)
 *   atomic:   no write coherence-between an RMW's read source and its write
 *   external: acyclic(rfe | coe | fre | bob | aob | lws | [R]; po; [W])
 * and report their outcomes. `[R]; po; [W]` is the one addition to ARMv8: arm64-lite has no
 * load buffering. There are no dependencies in these programs (arm64-lite does not model
 * them). bob: po;[dmb.full];po | [L];po;[A] | [R];po;[dmb.ld];po | [A];po |
 * [W];po;[dmb.st];po;[W] | po;[L]; aob: rmw; lws: [M];po-loc;[W].
 */

/** One instruction of a reference program (locations are word indexes; values > 0). */
export type RefInstr =
  | { readonly k: 'W'; readonly x: number; readonly v: number; readonly rel: boolean }
  | { readonly k: 'R'; readonly x: number; readonly acq: boolean }
  | { readonly k: 'F'; readonly f: 'full' | 'ld' | 'st' }
  /** The kernel's fully ordered xchg: dmb; ldxr; stxr; dmb. */
  | { readonly k: 'X'; readonly x: number; readonly v: number };

interface Ev {
  readonly id: number;
  readonly t: number; // thread, -1 = init
  readonly po: number; // index in the thread's event list
  readonly k: 'W' | 'R' | 'F';
  readonly x: number;
  readonly v: number;
  readonly acq: boolean;
  readonly rel: boolean;
  readonly f: 'full' | 'ld' | 'st' | '';
  readonly reg: number; // index of the register a read fills, -1 otherwise
  readonly rmwW: number; // for an RMW read: id of its write; -1 otherwise
}

/**
 * Outcome keys (same format as the engine side builds): `t0:r,r|t1:r|m0=..,m1=..`.
 * `loadBuffering: true` drops the `[R]; po; [W]` addition: plain ARMv8 (aarch64.cat without
 * dependencies, which these programs do not have), for checking the litmus table's herd7 column.
 */
export function referenceOutcomes(prog: readonly (readonly RefInstr[])[], locations: number, opts: { readonly loadBuffering?: boolean } = {}): Set<string> {
  const evs: Ev[] = [];
  const add = (e: Omit<Ev, 'id'>): Ev => {
    const ev = { ...e, id: evs.length };
    evs.push(ev);
    return ev;
  };
  for (let x = 0; x < locations; x++) add({ t: -1, po: x, k: 'W', x, v: 0, acq: false, rel: false, f: '', reg: -1, rmwW: -1 });
  const regCount: number[] = [];
  prog.forEach((thread, t) => {
    let po = 0;
    let reg = 0;
    for (const i of thread) {
      if (i.k === 'W') add({ t, po: po++, k: 'W', x: i.x, v: i.v, acq: false, rel: i.rel, f: '', reg: -1, rmwW: -1 });
      else if (i.k === 'R') add({ t, po: po++, k: 'R', x: i.x, v: 0, acq: i.acq, rel: false, f: '', reg: reg++, rmwW: -1 });
      else if (i.k === 'F') add({ t, po: po++, k: 'F', x: -1, v: 0, acq: false, rel: false, f: i.f, reg: -1, rmwW: -1 });
      else {
        add({ t, po: po++, k: 'F', x: -1, v: 0, acq: false, rel: false, f: 'full', reg: -1, rmwW: -1 });
        const r = add({ t, po: po++, k: 'R', x: i.x, v: 0, acq: false, rel: false, f: '', reg: reg++, rmwW: evs.length + 1 });
        void r;
        add({ t, po: po++, k: 'W', x: i.x, v: i.v, acq: false, rel: false, f: '', reg: -1, rmwW: -1 });
        add({ t, po: po++, k: 'F', x: -1, v: 0, acq: false, rel: false, f: 'full', reg: -1, rmwW: -1 });
      }
    }
    regCount.push(reg);
  });
  const n = evs.length;
  const mem = evs.filter((e) => e.k !== 'F');
  const reads = mem.filter((e) => e.k === 'R');
  const writesOf = (x: number): Ev[] => mem.filter((e) => e.k === 'W' && e.x === x && e.t >= 0);
  const poBefore = (a: Ev, b: Ev): boolean => a.t >= 0 && a.t === b.t && a.po < b.po;
  const fenceBetween = (a: Ev, b: Ev, f: 'full' | 'ld' | 'st'): boolean => evs.some((e) => e.k === 'F' && e.f === f && poBefore(a, e) && poBefore(e, b));

  // static part of ob among memory events: bob | aob | lws | [R];po;[W]
  const staticOb: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const a of mem) {
    for (const b of mem) {
      if (!poBefore(a, b)) continue;
      const bob =
        fenceBetween(a, b, 'full') ||
        (a.rel && b.k === 'R' && b.acq) ||
        (a.k === 'R' && fenceBetween(a, b, 'ld')) ||
        (a.k === 'R' && a.acq) ||
        (a.k === 'W' && b.k === 'W' && fenceBetween(a, b, 'st')) ||
        (b.k === 'W' && b.rel);
      const aob = a.rmwW === b.id;
      const lws = a.x === b.x && b.k === 'W';
      const rw = opts.loadBuffering !== true && a.k === 'R' && b.k === 'W';
      if (bob || aob || lws || rw) staticOb[a.id][b.id] = true;
    }
  }

  const out = new Set<string>();
  const locs = Array.from({ length: locations }, (_, x) => x);
  const coChoices = locs.map((x) => permutations(writesOf(x)));
  const rfChoices = reads.map((r) => mem.filter((w) => w.k === 'W' && w.x === r.x));
  const rf = new Array<Ev>(reads.length);
  const co = new Array<Ev[]>(locations);

  const check = (): void => {
    // co position of every write (init first)
    const coPos = new Array<number>(n).fill(-1);
    for (const x of locs) {
      coPos[x] = 0;
      co[x].forEach((w, i) => (coPos[w.id] = i + 1));
    }
    const coBefore = (a: Ev, b: Ev): boolean => a.x === b.x && coPos[a.id] < coPos[b.id];
    const rfOf = new Map<number, Ev>();
    reads.forEach((r, i) => rfOf.set(r.id, rf[i]));
    const frBefore = (r: Ev, w: Ev): boolean => coBefore(rfOf.get(r.id)!, w);
    // atomic
    for (const r of reads) {
      if (r.rmwW < 0) continue;
      const w = evs[r.rmwW];
      const src = rfOf.get(r.id)!;
      if (coPos[w.id] !== coPos[src.id] + 1) return;
    }
    // internal: acyclic(po-loc | rf | co | fr)
    const internal = (a: Ev, b: Ev): boolean =>
      (a.x === b.x && poBefore(a, b)) ||
      (b.k === 'R' && rfOf.get(b.id) === a) ||
      (a.k === 'W' && b.k === 'W' && coBefore(a, b)) ||
      (a.k === 'R' && b.k === 'W' && frBefore(a, b));
    if (cyclic(mem, internal)) return;
    // external
    const ext = (a: Ev, b: Ev): boolean =>
      staticOb[a.id][b.id] ||
      (a.t !== b.t && ((b.k === 'R' && rfOf.get(b.id) === a) || (a.k === 'W' && b.k === 'W' && coBefore(a, b)) || (a.k === 'R' && b.k === 'W' && frBefore(a, b))));
    if (cyclic(mem, ext)) return;
    const regs = prog.map((_, t) => new Array<number>(regCount[t]).fill(0));
    for (const r of reads) regs[r.t][r.reg] = rfOf.get(r.id)!.v;
    const finals = locs.map((x) => (co[x].length === 0 ? 0 : co[x][co[x].length - 1].v));
    out.add(outcomeKey(regs, finals));
  };

  const chooseCo = (x: number): void => {
    if (x === locations) return chooseRf(0);
    for (const p of coChoices[x]) {
      co[x] = p;
      chooseCo(x + 1);
    }
  };
  const chooseRf = (i: number): void => {
    if (i === reads.length) return check();
    for (const w of rfChoices[i]) {
      rf[i] = w;
      chooseRf(i + 1);
    }
  };
  chooseCo(0);
  return out;
}

/** The outcome key both sides use. */
export function outcomeKey(regs: readonly (readonly number[])[], finals: readonly number[]): string {
  return `${regs.map((r, t) => `t${t}:${r.join(',')}`).join('|')}|${finals.map((v, x) => `m${x}=${v}`).join(',')}`;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const p of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...p]);
  });
  return out;
}

function cyclic<T extends { readonly id: number }>(nodes: readonly T[], edge: (a: T, b: T) => boolean): boolean {
  const state = new Map<number, number>(); // 1 = on stack, 2 = done
  const visit = (a: T): boolean => {
    state.set(a.id, 1);
    for (const b of nodes) {
      if (!edge(a, b)) continue;
      const s = state.get(b.id);
      if (s === 1) return true;
      if (s === undefined && visit(b)) return true;
    }
    state.set(a.id, 2);
    return false;
  };
  return nodes.some((a) => state.get(a.id) === undefined && visit(a));
}
