import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { CorpusError } from '../../corpus/corpus-error';
import { mergeOutDirs } from '../../report/merge-out-dirs';

/** Environment the command reads (injected by tests). */
export interface MergeDeps {
  readonly githubStepSummary?: () => string | undefined;
}

/**
 * `lockstep merge DIR... --out DIR`: union the corpora and merge the reports of campaign
 * shards (or plain corpus directories) into one --out directory. Idempotent. Exit 0 when
 * merged, 2 on bad input (the file named).
 */
export function registerMerge(program: Command, io: CliIo, deps: MergeDeps = {}): void {
  program
    .command('merge')
    .description('union corpora by content hash and merge the reports of campaign shards (fuzz --out directories)')
    .argument('<dir...>', 'fuzz --out directories (report.json + corpus/) or corpus directories')
    .requiredOption('--out <dir>', 'directory to write the merged report.json, summary.md, junit.xml, findings/ and corpus/ to')
    .addHelpText('after', [
      '',
      'Reports must come from one campaign (same --seed and shard count); a report whose shards are',
      'already included is skipped, so merging twice, or merging the output again, changes nothing.',
      '',
      'Exit status: 0 merged, 2 bad input.',
    ].join('\n'))
    .action((dirs: string[], flags: { out: string }) => {
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
        const missing = rep.shard.count - rep.shard.indices.length;
        io.out(`merged report: campaign seed ${rep.campaignSeed}, ${shards}${missing > 0 ? ` (${missing} shard${missing === 1 ? '' : 's'} missing)` : ''}, ${rep.cells.length} cells, ${rep.findings.length} unique finding${rep.findings.length === 1 ? '' : 's'}\n`);
      } else {
        io.out('no report.json among the inputs: corpora merged only\n');
      }
      io.out(`corpus: ${r.corpusEntries} entr${r.corpusEntries === 1 ? 'y' : 'ies'} (${r.newEntries} new) in ${flags.out}/corpus\n`);
      if (r.report) io.out(`wrote ${flags.out}/summary.md, report.json, junit.xml\n`);
      io.exitCode = 0;
    });
}
