import { mergeKnobs } from '../explore/merge-knobs';
import { runCampaign, type CampaignResult } from './campaign';
import { buildCampaignReport, type ReportContext } from './campaign-report-builder';
import { CheckpointEncoder } from './checkpoint-encoder';
import { DEFAULT_TUNING, type FuzzTask } from './fuzz-types';
import { inProcessRunner } from './in-process-runner';
import { createFuzzHost } from './testing/racy-flag-host';
import { RACY_FLAG_TARGET } from './testing/racy-flag-engine';

const task = (variant: string): FuzzTask => ({ ref: { kind: 'builtin', name: 'racy-flag' }, target: 'racy-flag', variant, memory: 'sc' });

const context: ReportContext = {
  campaignSeed: 7, shard: { indices: [1], count: 1 }, date: '2026-12-06T00:00:00.000Z', harnessVersion: 'test',
  budget: { runs: 500 }, tuning: DEFAULT_TUNING, resolveTarget: () => RACY_FLAG_TARGET, knobs: mergeKnobs,
  entryCache: new WeakMap(),
};

/** What a checkpoint must hold: the whole report of the state, marked interrupted. */
const fullReport = (state: CampaignResult): unknown => JSON.parse(JSON.stringify({ ...buildCampaignReport(state, context).report, interrupted: true }));

describe('CheckpointEncoder', () => {
  it('gives, at every batch of a campaign, the report buildCampaignReport gives (one encoder reused across checkpoints)', async () => {
    const encoder = new CheckpointEncoder();
    const checked: number[] = [];
    let cellsWithFindings = 0;
    const onBatch = (state: CampaignResult): void => {
      const text = encoder.encode(state, context);
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text)).toEqual(fullReport(state));
      checked.push(state.batches);
      cellsWithFindings = state.cells.filter((c) => c.findings.size > 0).length;
    };
    const result = await runCampaign(
      { tasks: [task('racy'), task('atomic'), task('spin-forever')], seed: 7, runs: 500, batchRuns: 100, observer: { batchDone: onBatch } },
      inProcessRunner(createFuzzHost()),
    );
    // every batch was a checkpoint, cells changed between them and findings were shrunk meanwhile
    expect(checked.length).toBe(result.batches);
    expect(result.batches).toBeGreaterThan(5);
    expect(cellsWithFindings).toBeGreaterThan(0);
    // after the campaign (shrinks done): still the same report
    expect(JSON.parse(encoder.encode(result, context))).toEqual(fullReport(result));
  });
});
