import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { CorpusError } from '../../corpus/corpus-error';
import { mergeOutDirs, type MergeOutResult } from '../../report/merge-out-dirs';
import { checkOutputLocation } from '../../output/output-location';
import { EXIT, worstExitCode } from '../exit-codes';
import { missingShards } from '../../report/missing-shards';
import { exitCode, parseCount } from './fuzz';

/** Environment the command reads (injected by tests). */
export interface MergeDeps {
  readonly githubStepSummary?: () => string | undefined;
}

/**
 * `lockstep merge DIR... --out DIR [--expect-shards N]`: union the corpora and merge the
 * reports of campaign shards (or plain corpus directories) into one --out directory.
 * Idempotent. Every input is handled on its own: exit 0 when all merged, 2 when some input
 * could not be used (each named on stderr; the rest is merged and written), 3 when
 * --expect-shards N is given and some of the N shards' reports are missing (a lost CI matrix
 * job is never silent; what was there is still merged and written); the worst code wins
 * (exit-codes.ts).
 */
export function registerMerge(program: Command, io: CliIo, deps: MergeDeps = {}): void {
  program
    .command('merge')
    .description('union corpora by content hash and merge the reports of campaign shards (fuzz --out directories)')
    .argument('<dir...>', 'fuzz --out directories (report.json + corpus/) or corpus directories')
    .requiredOption('--out <dir>', 'directory to write the merged report.json, summary.md, junit.xml, findings/ and corpus/ to')
    .option('--expect', 'exit 1 when a cell of the merged report did not behave as expected (an unexpected finding, or an expected bug no shard found)')
    .option('--expect-shards <n>', 'the campaign ran as N shards: exit 3 naming the missing ones unless all N reports are among the inputs')
    .addHelpText('after', [
      '',
      'Reports must come from one campaign (same --seed and shard count); a report whose shards are',
      'already included is skipped, so merging twice, or merging the output again, changes nothing.',
      '',
      'Each input is read on its own: a missing directory, a malformed report.json or a corrupt corpus',
      'entry is listed on stderr and left out, and everything else is merged. Only the winning',
      'representative of each finding (the earliest run in the campaign\'s batch order) enters the',
      'merged corpus, so the shards of a campaign merge into exactly the unsharded campaign.',
      '',
      'Exit status (the worst one wins): 0 merged, 1 some cell not as expected (--expect), 2 some',
      'input could not be used (the rest was merged) or bad usage, 3 shards missing (--expect-shards)',
      'or a failed write.',
    ].join('\n'))
    .action(async (dirs: string[], flags: { out: string; expectShards?: string; expect?: boolean }) => {
      const expected = parseCount('--expect-shards', flags.expectShards, 1);
      const summaryFile = (deps.githubStepSummary ?? (() => process.env.GITHUB_STEP_SUMMARY))();
      checkOutputLocation(flags.out, '--out');
      let r: MergeOutResult;
      try {
        r = await mergeOutDirs(dirs, flags.out, summaryFile ? { githubStepSummary: summaryFile } : {});
      } catch (e) {
        if (e instanceof CorpusError) throw new CliError(`merge: ${e.message}`);
        throw e;
      }
      // each bad input on its own line; the good ones are merged all the same (issue 10)
      for (const p of r.problems) io.err(`lockstep merge: ${p.message}\n`);
      for (const s of r.skippedReports) io.out(`skipped ${s}: its shards are already included\n`);
      if (r.report) {
        const rep = r.report;
        const shards = rep.shard.count > 1 ? `shards ${rep.shard.indices.join(',')} of ${rep.shard.count}` : 'unsharded';
        const missing = missingShards(rep.shard);
        io.out(`merged report: campaign seed ${rep.campaignSeed}, ${shards}${missing.length > 0 ? ` (${missing.length} shard${missing.length === 1 ? '' : 's'} missing: ${missing.join(', ')})` : ''}, ${rep.cells.length} cells, ${rep.findings.length} unique finding${rep.findings.length === 1 ? '' : 's'}\n`);
      } else {
        io.out('no report.json among the inputs: corpora merged only\n');
      }
      io.out(`corpus: ${r.corpusEntries} entr${r.corpusEntries === 1 ? 'y' : 'ies'} (${r.newEntries} new) in ${flags.out}/corpus\n`);
      if (r.report) io.out(`wrote ${flags.out}/summary.md, report.json, junit.xml\n`);
      const codes: number[] = [flags.expect && r.report ? exitCode(r.report, true) : EXIT.clean];
      if (flags.expect && r.report && codes[0] !== 0) io.err('lockstep merge: some cells did not behave as expected (see summary.md)\n');
      if (r.problems.length > 0) {
        io.err(`lockstep merge: ${r.problems.length} input${r.problems.length === 1 ? '' : 's'} could not be used (listed above); everything else was merged\n`);
        codes.push(EXIT.badInput);
      }
      if (expected !== undefined) {
        const problem = shardProblem(r.report?.shard, expected);
        if (problem !== undefined) {
          io.err(`lockstep merge: ${problem}\n`);
          codes.push(EXIT.harnessError);
        }
      }
      io.exitCode = worstExitCode(codes);
    });
}

/** Why the merged shards are not the N expected ones, or undefined when they are. */
export function shardProblem(shard: { readonly indices: readonly number[]; readonly count: number } | undefined, expected: number): string | undefined {
  if (shard === undefined) return `expected the reports of ${expected} shard${expected === 1 ? '' : 's'}, but no input holds a report.json`;
  if (shard.count !== expected) return `expected ${expected} shard${expected === 1 ? '' : 's'}, but the reports come from a campaign of ${shard.count} (--shard I/${shard.count})`;
  const missing = missingShards(shard, expected);
  if (missing.length === 0) return undefined;
  return `missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${expected}: no report.json of ${missing.length === 1 ? 'it' : 'them'} among the inputs (a lost matrix job?)`;
}
