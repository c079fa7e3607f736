import type { ParsedHistory } from './history-event';
import { parseJepsenEtcdHistory } from './jepsen-etcd-format';
import { parseJepsenKvHistory } from './jepsen-kv-format';
import { parseNativeHistory } from './native-format';

/** History file formats `lockstep check` reads. */
export type HistoryFormat = 'native' | 'jepsen-etcd' | 'jepsen-kv';

export const HISTORY_FORMATS: readonly HistoryFormat[] = ['native', 'jepsen-etcd', 'jepsen-kv'];

/** Guess the format from the first non-blank line: `INFO jepsen.util` = etcd, `{:` = EDN, else native. */
export function detectFormat(text: string): HistoryFormat {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
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
