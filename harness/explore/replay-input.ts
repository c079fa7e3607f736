import { decodeReplayToken, ReplayTokenError, REPLAY_TOKEN_PREFIX, validateReplayRecord, type ReplayRecord } from './replay-token';

/**
 * A reader of one JSON shape that `lockstep replay <file>` accepts. The built-in loader reads
 * the token's own fields; the corpus (issue 5) plugs in a loader for corpus entries by adding
 * one to the list passed to registerReplay / parseReplayInput.
 */
export interface ReplayLoader {
  readonly name: string;
  /** Cheap structural test: does this loader understand `json`? */
  accepts(json: unknown): boolean;
  /** Read it; throw ReplayTokenError (or any Error with a clear message) when malformed. */
  load(json: unknown, source: string): ReplayRecord;
}

/** The built-in JSON shape: {target, variant, memory, knobs, workload: {ops}, decisions, maxSteps}, or {replay: token}. */
export const replayRecordLoader: ReplayLoader = {
  name: 'replay record',
  accepts: (json) => typeof json === 'object' && json !== null && ('decisions' in json || 'replay' in json),
  load(json, source) {
    const o = json as Record<string, unknown>;
    if (typeof o.replay === 'string' && !('decisions' in o)) return decodeReplayToken(o.replay);
    return validateReplayRecord(json, source);
  },
};

/** Loaders tried in order for a JSON file (the first that accepts it wins). */
export const DEFAULT_REPLAY_LOADERS: readonly ReplayLoader[] = [replayRecordLoader];

/**
 * Interpret the argument of `lockstep replay`: a token, or the text of a file holding a token
 * or a JSON object of a known shape. `source` names the file in messages.
 */
export function parseReplayInput(text: string, source: string, loaders: readonly ReplayLoader[] = DEFAULT_REPLAY_LOADERS): ReplayRecord {
  const s = text.trim();
  if (s.startsWith(REPLAY_TOKEN_PREFIX)) return decodeReplayToken(s);
  if (!s.startsWith('{')) {
    throw new ReplayTokenError(`${source}: expected a replay token (${REPLAY_TOKEN_PREFIX}...) or a JSON object`);
  }
  let json: unknown;
  try {
    json = JSON.parse(s);
  } catch (e) {
    throw new ReplayTokenError(`${source}: invalid JSON (${(e as Error).message})`);
  }
  const loader = loaders.find((l) => l.accepts(json));
  if (loader === undefined) {
    throw new ReplayTokenError(`${source}: unknown JSON shape (expected one of: ${loaders.map((l) => l.name).join(', ')})`);
  }
  return loader.load(json, source);
}
