/**
 * Why what a thread body (or IPI handler) returned is not a generator the engine can step,
 * naming what to write instead; undefined when it is one. A mistake in the target (exit 2),
 * never a crash of the lock (issue 8 "Bad input").
 */
export function threadBodyProblem(body: unknown, made: unknown): string | undefined {
  if (typeof body !== 'function') return `its body is ${describe(body)}, not a function (expected function* (t) { ... yield* t.readOnce(c) ... })`;
  if (typeof made === 'object' && made !== null && typeof (made as { next?: unknown }).next === 'function') {
    if (Symbol.asyncIterator in made) return 'its body is an async generator function (async function*): thread bodies are plain generator functions, function* (t) { ... }, whose every shared access is a `yield*` of a ThreadApi primitive';
    return undefined;
  }
  if (typeof made === 'object' && made !== null && typeof (made as { then?: unknown }).then === 'function') {
    return "its body is an async function: thread bodies are generator functions, function* (t) { ... yield* t.readOnce(c) ... }; for async/await code use the async front end (an AsyncTarget, kind: 'async')";
  }
  return `its body returned ${describe(made)} instead of a generator: write it as a generator function, function* (t) { ... yield* t.readOnce(c) ... }`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
