import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { CorpusError } from '../../corpus/corpus-error';
import { mergeOutDirs } from '../../report/merge-out-dirs';
import { missingShards } from '../../report/missing-shards';
import { exitCode, parseCount } from './fuzz';

/** Environment the command reads (injected by tests). */
export interface MergeDeps {
  readonly githubStepSummary?: () => string | undefined;
}

/**
 * `lockstep merge DIR... --out DIR [--expect-shards N]`: union the corpora and merge the
 * reports of campaign shards (or plain corpus directories) into one --out directory.
 * Idempotent. Exit 0 when merged, 2 on bad input (the file named), 3 when --expect-shards N
 * is given and some of the N shards' reports are missing (a lost CI matrix job is never silent;
 * what was there is still merged and written).
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
      'Exit status: 0 merged, 1 some cell not as expected (--expect), 2 bad input, 3 shards missing',
      '(--expect-shards; takes precedence over 1).',
    ].join('\n'))
    .action((dirs: string[], flags: { out: string; expectShards?: string; expect?: boolean }) => {
      const expected = parseCount('--expect-shards', flags.expectShards, 1);
      const summaryFile = (deps.githubStepSummary ?? (() => process.env.GITHUB_STEP_SUMMARY))();
      let r: ReturnType<typeof mergeOutDirs>;
      try {
        r = mergeOutDirs(dirs, flags.out, summaryFile ? { githubStepSummary: summaryFile } : {});
      } catch (e) {
        if (e instanceof CorpusError) throw new CliError(`merge: ${e.message}`);
        throw e;
      }
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
      io.exitCode = flags.expect && r.report ? exitCode(r.report, true) : 0;
      if (flags.expect && r.report && io.exitCode !== 0) io.err('lockstep merge: some cells did not behave as expected (see summary.md)\n');
      if (expected !== undefined) {
        const problem = shardProblem(r.report?.shard, expected);
        if (problem !== undefined) {
          io.err(`lockstep merge: ${problem}\n`);
          io.exitCode = 3;
        }
      }
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
