/** EDN keyword, e.g. `:invoke` (kept apart from strings). */
export class EdnKeyword {
  constructor(readonly name: string) {}
}

/** An EDN value as read here: nil, boolean, number, string, keyword, vector/list, map. */
export type EdnValue = null | boolean | number | string | EdnKeyword | EdnValue[] | Map<EdnValue, EdnValue>;

/** Thrown with the column where reading failed and what was expected. */
export class EdnSyntaxError extends Error {
  constructor(readonly column: number, readonly expected: string) {
    super(`column ${column}: expected ${expected}`);
    this.name = 'EdnSyntaxError';
  }
}

/**
 * A small reader for the subset of EDN that Jepsen/Knossos op maps use: maps, vectors,
 * lists, strings with escapes, integers and decimals, keywords, nil, true/false. Commas
 * are whitespace. Reads exactly one value from `src`; trailing content is an error.
 */
export function readEdn(src: string): EdnValue {
  let i = 0;
  const ws = (): void => {
    while (i < src.length) {
      const c = src[i]!;
      if (c === ' ' || c === ',' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === ';') { while (i < src.length && src[i] !== '\n') i++; }
      else break;
    }
  };
  const value = (): EdnValue => {
    ws();
    if (i >= src.length) throw new EdnSyntaxError(i + 1, 'a value');
    const c = src[i]!;
    if (c === '{') {
      i++;
      const m = new Map<EdnValue, EdnValue>();
      for (;;) {
        ws();
        if (src[i] === '}') { i++; return m; }
        const k = value();
        ws();
        if (src[i] === '}' || i >= src.length) throw new EdnSyntaxError(i + 1, 'a value for the map key');
        m.set(k instanceof EdnKeyword ? `:${k.name}` : k, value());
      }
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const out: EdnValue[] = [];
      for (;;) {
        ws();
        if (i >= src.length) throw new EdnSyntaxError(i + 1, `"${close}"`);
        if (src[i] === close) { i++; return out; }
        out.push(value());
      }
    }
    if (c === '"') {
      i++;
      let s = '';
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') {
          const e = src[i + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e ?? '';
          i += 2;
        } else s += src[i++];
      }
      if (i >= src.length) throw new EdnSyntaxError(i + 1, 'a closing quote');
      i++;
      return s;
    }
    const tok = /^[^\s,{}[\]()"]+/.exec(src.slice(i));
    if (!tok) throw new EdnSyntaxError(i + 1, 'a value');
    const t = tok[0];
    const at = i + 1;
    i += t.length;
    if (t === 'nil') return null;
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t.startsWith(':') && t.length > 1) return new EdnKeyword(t.slice(1));
    if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?N?M?$/.test(t)) return Number(t.replace(/[NM]$/, ''));
    throw new EdnSyntaxError(at, `a value, got "${t}"`);
  };
  const v = value();
  ws();
  if (i < src.length) throw new EdnSyntaxError(i + 1, 'end of line after the value');
  return v;
}
