import type { ParsedHistory } from './history-event';
import { parseJepsenEtcdHistory } from './jepsen-etcd-format';
import { parseJepsenKvHistory } from './jepsen-kv-format';
import { parseNativeHistory } from './native-format';

/** History file formats `lockstep check` reads. */
export type HistoryFormat = 'native' | 'jepsen-etcd' | 'jepsen-kv';

export const HISTORY_FORMATS: readonly HistoryFormat[] = ['native', 'jepsen-etcd', 'jepsen-kv'];

/** Guess the format from the first non-blank line: `INFO jepsen.util` = etcd, `{:` = EDN, else native. */
export function detectFormat(text: string): HistoryFormat {
  // look at the first non-blank line only (splitting a 10 MB file to read one line cost 4 %)
  let at = 0, first = '';
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl).trim();
    if (line !== '') { first = line; break; }
    if (nl < 0) break;
    at = nl + 1;
  }
  if (/^INFO\s+jepsen\.util/.test(first)) return 'jepsen-etcd';
  if (first.startsWith('{:')) return 'jepsen-kv';
  return 'native';
}

/** Parse `text` (the content of `file`) in `format`; throws HistoryParseError. */
export function parseHistory(text: string, file: string, format: HistoryFormat = detectFormat(text)): ParsedHistory {
  switch (format) {
    case 'native': return parseNativeHistory(text, file);
    case 'jepsen-etcd': return parseJepsenEtcdHistory(text, file);
    case 'jepsen-kv': return parseJepsenKvHistory(text, file);
  }
}
