/**
 * A fault of the harness or of its caller (not of the target under test): thrown, never
 * turned into a finding. `code` is stable for programs; the message says what to do.
 */
export class HarnessFault extends Error {
  constructor(readonly code: 'bad-decision' | 'bad-options' | 'internal', message: string) {
    super(message);
    this.name = 'HarnessFault';
  }
}
