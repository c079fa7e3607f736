import * as path from 'node:path';
import { errorLocation } from './error-location';

describe('errorLocation', () => {
  const user = path.join(process.cwd(), 'locks', 'my-lock.ts');
  const harness = path.join(__dirname, 'preflight.ts');

  it('names the first frame in user code, relative to the working directory', () => {
    const stack = `Error: bad\n    at setup (${harness}:10:3)\n    at create (${user}:12:7)`;
    expect(errorLocation(stack)).toBe(path.join('locks', 'my-lock.ts') + ':12:7');
  });

  it("never takes Node's own frames (node:internal/...) for a file", () => {
    const stack = `Error: bad\n    at setup (${harness}:10:3)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    expect(errorLocation(stack)).toBeUndefined();
  });

  it('reads frames without parentheses and skips node_modules', () => {
    const dep = path.join(process.cwd(), 'node_modules', 'dep', 'index.js');
    expect(errorLocation(`Error: x\n    at ${dep}:1:1\n    at ${user}:3:4`)).toBe(path.join('locks', 'my-lock.ts') + ':3:4');
  });
});
