import { main } from './main';
import type { CliIo } from './cli-io';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

describe('lockstep main', () => {
  it('rejects an unknown command with exit 2 and a message', async () => {
    const io = captureIo();
    expect(await main(['no-such-command'], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown command/);
  });
  it('prints help with exit 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/Usage: lockstep/);
  });
});
