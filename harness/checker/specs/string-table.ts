import { IntPairMap } from './int-pair-map';

/** Base of the polynomial string hash (odd, so powers stay invertible mod 2^32). */
const BASE = 0x01000193;

/** Polynomial hash of `s` mod 2^32 and BASE^|s|, so that hash(a + b) = hash(a)·BASE^|b| + hash(b). */
export function polyHash(s: string): { hash: number; pow: number } {
  let h = 0, pow = 1;
  for (let i = 0; i < s.length; i++) {
    h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
    pow = Math.imul(pow, BASE);
  }
  return { hash: h, pow };
}

/** Prepared text of an append: its dense id, content and hash. */
export interface AppendText {
  readonly id: number;
  readonly text: string;
  readonly hash: number;
  readonly pow: number;
}

/**
 * Value numbering of strings for the kv specs: every distinct string gets a dense id (""
 * is 0). A string made by appending is stored as (parent id, appended text), never built:
 * its hash is derived from the parent's (polynomial hash), its length likewise, and the
 * contents are compared only when hash and length both match an existing string. Appends
 * are memoised per (id, text). Typed arrays keep the garbage collector out of the search.
 * One table per spec instance (per check): deterministic, no module state.
 */
export class StringTable {
  private parent = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private lengths = new Float64Array(1024);
  private chain = new Int32Array(1024);
  private readonly tails: string[] = [''];
  private count = 1;
  /** First id by hash, then `chain[id]` (-1 = end). */
  private readonly byHash = new Map<number, number>([[0, 0]]);
  private readonly memo = new IntPairMap();
  private readonly textIds = new Map<string, number>();

  constructor() {
    this.parent[0] = -1;
    this.chain[0] = -1;
  }

  /**
   * Bytes held (memory budget): four typed arrays, each tail string, a Map entry per
   * distinct hash, the append memo (estimated for the Maps) and the prefix hashes.
   */
  get bytes(): number {
    return this.parent.length * 20 + this.count * (16 + 48) + this.tailChars + this.memo.bytes + 4 * this.prefixWords;
  }

  private tailChars = 0;

  /** Prepare an append text (once per operation). */
  appendText(text: string): AppendText {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.textIds.size;
      this.textIds.set(text, id);
    }
    return { id, text, ...polyHash(text) };
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const p = new Int32Array(cap); p.set(this.parent); this.parent = p;
    const h = new Int32Array(cap); h.set(this.hashes); this.hashes = h;
    const l = new Float64Array(cap); l.set(this.lengths); this.lengths = l;
    const c = new Int32Array(cap); c.set(this.chain); this.chain = c;
  }

  /** Find the string (hash, length, content given lazily) or add it as parent + tail. */
  private findOrAdd(h: number, length: number, parent: number, tail: string): number {
    const first = this.byHash.get(h);
    let content: string | undefined;
    for (let id = first ?? -1; id >= 0; id = this.chain[id]!) {
      if (this.lengths[id] !== length) continue;
      content ??= parent < 0 ? tail : this.text(parent) + tail;
      if (this.text(id) === content) return id;
    }
    if (this.count === this.parent.length) this.grow();
    const fresh = this.count++;
    this.parent[fresh] = parent;
    this.hashes[fresh] = h;
    this.lengths[fresh] = length;
    this.chain[fresh] = first ?? -1;
    this.tails.push(tail);
    this.tailChars += tail.length;
    this.byHash.set(h, fresh);
    return fresh;
  }

  /** Id of `s`, allocated on first sight. O(|s|). */
  intern(s: string): number {
    return s === '' ? 0 : this.findOrAdd(polyHash(s).hash, s.length, -1, s);
  }

  /** Id of string(id) + text. */
  append(id: number, t: AppendText): number {
    if (t.text === '') return id;
    let r = this.memo.get(id, t.id);
    if (r < 0) {
      r = this.findOrAdd((Math.imul(this.hashes[id]!, t.pow) + t.hash) | 0, this.lengths[id]! + t.text.length, id, t.text);
      this.memo.set(id, t.id, r);
    }
    return r;
  }

  /** Hashes of every prefix of a string (by id), built on first use by `mayBePrefix`. */
  private readonly prefixHashes: (Int32Array | undefined)[] = [];
  private prefixWords = 0;

  /**
   * False when string(a) is certainly not a prefix of string(b); true when it is (or, on a
   * hash collision, might be). O(1) after the first call for b (O(|b|)).
   */
  mayBePrefix(a: number, b: number): boolean {
    const la = this.lengths[a]!;
    if (la > this.lengths[b]!) return false;
    let ph = this.prefixHashes[b];
    if (ph === undefined) {
      const s = this.text(b);
      ph = new Int32Array(s.length + 1);
      for (let i = 0; i < s.length; i++) ph[i + 1] = (Math.imul(ph[i]!, BASE) + s.charCodeAt(i)) | 0;
      this.prefixHashes[b] = ph;
      this.prefixWords += ph.length;
    }
    return ph[la] === this.hashes[a];
  }

  /**
   * A test "string(id) may be a prefix of one of the strings `ids`" (false: certainly of
   * none). Only the strings that are no prefix of another one are kept (compared exactly):
   * between two puts the values a key's gets read are prefixes of the longest one.
   */
  prefixTest(ids: readonly number[]): (id: number) => boolean {
    const texts = [...new Set(ids)].map((id) => ({ id, text: this.text(id) })).sort((a, b) => b.text.length - a.text.length);
    const kept: { id: number; text: string }[] = [];
    for (const c of texts) if (!kept.some((k) => k.text.startsWith(c.text))) kept.push(c);
    const maximal = Int32Array.from(kept, (k) => k.id);
    return (id) => {
      for (let k = 0; k < maximal.length; k++) if (this.mayBePrefix(id, maximal[k]!)) return true;
      return false;
    };
  }

  /** The string with this id (built by walking the parents: for explanations and collisions). */
  text(id: number): string {
    const parts: string[] = [];
    for (let i = id; i > 0; i = this.parent[i]!) parts.push(this.tails[i]!);
    return parts.reverse().join('');
  }
}
