import type { CampaignProgress } from '../fuzz/campaign';
import type { CliIo } from './cli-io';
import { parseProgress, progressLine, progressReporter } from './progress';

function io(over: Partial<CliIo> = {}): CliIo & { errs: string[]; lines: string[] } {
  const o = { errs: [] as string[], lines: [] as string[], exitCode: 0, isTty: false, out() { /* unused */ }, err(s: string) { o.errs.push(s); }, ...over };
  return o;
}

const at = (elapsedMs: number, findings = 0): CampaignProgress => ({ batchesDone: 4, executions: 800, findings, cellsDone: 1, cells: 3, elapsedMs });

describe('progress', () => {
  it('defaults to tty on a terminal and plain elsewhere; rejects other modes naming the flag', () => {
    expect(parseProgress(undefined, io({ isTty: true }))).toBe('tty');
    expect(parseProgress(undefined, io())).toBe('plain');
    expect(parseProgress('off', io({ isTty: true }))).toBe('off');
    expect(() => parseProgress('fancy', io())).toThrow("--progress: expected one of off, tty, plain, got 'fancy'");
  });

  it('plain: a heartbeat line per timer tick with the latest progress, none before the first update, none after stop', () => {
    const ticks: (() => void)[] = [];
    let cleared = false;
    const out = io();
    const r = progressReporter('plain', out, { label: 'lockstep fuzz', timers: { set: (fn, ms) => { expect(ms).toBe(30_000); ticks.push(fn); return 1; }, clear: () => { cleared = true; } } });
    ticks[0]!();
    expect(out.errs).toEqual([]);
    r.update(at(2000));
    r.update(at(30_000, 2));
    ticks[0]!();
    expect(out.errs).toEqual(['lockstep fuzz: [30s] cells 1/3, batches 4, 800 executions (27/s), 2 distinct findings\n']);
    r.stop();
    expect(cleared).toBe(true);
  });

  it('tty: redraws one line at most every 200 ms, cut to the terminal width, cleared at the end', () => {
    const out = io({ isTty: true, columns: 40, rewriteLine(t: string) { out.lines.push(t); } });
    const r = progressReporter('tty', out, { label: 'x' });
    r.update(at(0));
    r.update(at(150));
    r.update(at(250, 1));
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toBe(`${progressLine(at(0)).slice(0, 38)}…`);
    expect(out.lines.every((l) => l.length <= 39)).toBe(true);
    r.stop();
    expect(out.lines.at(-1)).toBe('');
    expect(out.errs).toEqual([]);
  });

  it('tty colours the findings count only when the terminal takes colour', () => {
    const plain = io({ isTty: true, rewriteLine(t: string) { plain.lines.push(t); } });
    progressReporter('tty', plain, { label: 'x' }).update(at(0, 3));
    expect(plain.lines[0]).not.toMatch(/\u001b/);
    const coloured = io({ isTty: true, colors: true, rewriteLine(t: string) { coloured.lines.push(t); } });
    progressReporter('tty', coloured, { label: 'x' }).update(at(0, 3));
    expect(coloured.lines[0]).toMatch(/\u001b\[\d+m3 distinct findings/);
  });

  it('tty without a terminal to rewrite falls back to carriage returns that blank the old text; off prints nothing', () => {
    const out = io();
    const r = progressReporter('tty', out, { label: 'x' });
    r.update(at(0, 12));
    r.stop();
    expect(out.errs[0]).toMatch(/^\r\[0s\]/);
    expect(out.errs[1]).toMatch(/^\r +\r$/);
    const quiet = io();
    const q = progressReporter('off', quiet, { label: 'x' });
    q.update(at(0));
    q.stop();
    expect(quiet.errs).toEqual([]);
  });
});
