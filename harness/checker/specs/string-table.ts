/**
 * Value numbering of strings for the kv specs: every distinct string gets a dense id (""
 * is 0) and `append(id, s)` is memoised per (id, s), so the search compares and hashes
 * small integers instead of ever longer strings, and builds no string on a repeated
 * append. One table per spec instance (per check): deterministic, no module state.
 */
export class StringTable {
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly strings: string[] = [''];
  private readonly appends: (Map<string, number> | undefined)[] = [undefined];

  /** Id of `s`, allocated on first sight. */
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(s, id);
      this.strings.push(s);
      this.appends.push(undefined);
    }
    return id;
  }

  /** Id of `s` if it was seen, else -1 (no allocation: for outputs that are only compared). */
  lookup(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  /** Id of string(id) + s. */
  append(id: number, s: string): number {
    let m = this.appends[id];
    if (m === undefined) { m = new Map(); this.appends[id] = m; }
    let r = m.get(s);
    if (r === undefined) {
      r = this.intern(this.strings[id]! + s);
      m.set(s, r);
    }
    return r;
  }

  /** The string with this id. */
  text(id: number): string {
    return this.strings[id]!;
  }
}
