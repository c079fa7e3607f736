import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeKnobs } from '../explore/merge-knobs';
import { REAL } from '../async/real-globals';
import { buildCampaignReport, type ReportContext } from './campaign-report-builder';
import { CampaignOutput } from './campaign-output';
import { DEFAULT_TUNING } from './fuzz-types';

describe('campaign output in the thread of an in-process async batch', () => {
  it('spaces report.json checkpoints with the real timer, never the global setTimeout an async execution replaces', async () => {
    // with --workers 0 the campaign's own code runs while an async execution has the globals
    // patched: a checkpoint timer set through them became a virtual timer of that execution
    // ("timer #1 fires at 100 ms" divergences, its file writes taken for the target's real I/O)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-checkpoint-'));
    const context: ReportContext = {
      campaignSeed: 1, shard: { indices: [1], count: 1 }, date: '2026-12-06', harnessVersion: 'test', tuning: DEFAULT_TUNING,
      resolveTarget: () => { throw new Error('no cells'); }, knobs: mergeKnobs,
    };
    const out = new CampaignOutput({ outDir: dir, context, formatTrace: () => '', now: () => 1000 });
    const state = { cells: [], interrupted: false, errors: [], targetErrors: [], batches: 1, executions: 0 };
    const patched = jest.fn((...a: Parameters<typeof setTimeout>) => REAL.setTimeout(...a));
    const saved = globalThis.setTimeout;
    try {
      out.batchDone(state); // the first checkpoint starts at once
      out.batchDone(state); // the next one waits for the first, then for its gap: a timer
      globalThis.setTimeout = patched as unknown as typeof setTimeout;
      while (out.checkpoints === 0) await new Promise((r) => { REAL.setImmediate(r); });
      await new Promise((r) => { REAL.setImmediate(r); });
    } finally {
      globalThis.setTimeout = saved;
    }
    expect(out.checkpoints).toBe(1);
    expect(patched).not.toHaveBeenCalled();
    await out.finish(buildCampaignReport(state, context));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
