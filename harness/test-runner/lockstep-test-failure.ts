/**
 * A lockstep test that found the code misbehaving: its message is the whole account (verdict,
 * interleaving table, replay command). The stack is the message alone: lockstep's frames say
 * nothing about the lock.
 */
export class LockstepTestFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockstepTestFailure';
    this.stack = `${this.name}: ${message}`;
  }
}
