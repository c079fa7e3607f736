/** Histories: the operation record shared with the runtime, and the file formats `lockstep check` reads. */
export type { Operation } from './operation';
export type { EventType, HistoryEvent, ParsedHistory } from './history-event';
export { HistoryParseError } from './history-parse-error';
export { parseHistory, detectFormat, HISTORY_FORMATS, type HistoryFormat } from './parse-history';
export { parseNativeHistory } from './native-format';
export { parseJepsenEtcdHistory } from './jepsen-etcd-format';
export { parseJepsenKvHistory } from './jepsen-kv-format';
export { opsFromIntervals, type OpTuple } from './ops-from-intervals';
export { formatNativeHistory } from './native-writer';
