/** An operation that does not fit the spec (unknown op name, malformed input or output). */
export class CheckInputError extends Error {
  constructor(message: string, readonly opId: number) {
    super(message);
    this.name = 'CheckInputError';
  }
}
