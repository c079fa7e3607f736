/**
 * `--reporter <name>[:<file>]`, repeatable, as in vitest and jest: each reporter writes to
 * stdout, or to the file after the colon (`--reporter junit:out/junit.xml`). Naming any
 * reporter replaces the default human-readable one unless `default` is named too
 * (`--reporter default --reporter junit:junit.xml`), as in vitest.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../corpus/atomic-write';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';

/** Every reporter name. */
export const REPORTER_NAMES = ['default', 'json', 'junit', 'github', 'html'] as const;

/** A reporter name. */
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** One `--reporter` value. */
export interface ReporterSpec {
  readonly name: ReporterName;
  /** Where to write it; undefined = stdout. */
  readonly file?: string;
}

/** commander's collector for a repeatable option. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** Parse the `--reporter` values a command accepts (default: the `default` reporter on stdout). */
export function parseReporters(values: readonly string[] | undefined, accepted: readonly ReporterName[], why: Partial<Record<ReporterName, string>> = {}): ReporterSpec[] {
  if (values === undefined || values.length === 0) return [{ name: 'default' }];
  return values.map((v) => {
    const colon = v.indexOf(':');
    const name = colon < 0 ? v : v.slice(0, colon);
    const file = colon < 0 ? undefined : v.slice(colon + 1);
    if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
      throw new CliError(`--reporter '${v}': expected one of ${REPORTER_NAMES.join(', ')}, optionally with :<file> (e.g. junit:out/junit.xml)`);
    }
    if (!(accepted as readonly string[]).includes(name)) throw new CliError(`--reporter ${name}: ${why[name as ReporterName] ?? `not available here (this command has ${accepted.join(', ')})`}`);
    if (file !== undefined && file.trim() === '') throw new CliError(`--reporter '${v}': expected a file after the colon (e.g. ${name}:out/${name === 'junit' ? 'junit.xml' : `report.${name === 'html' ? 'html' : 'json'}`})`);
    return file === undefined ? { name: name as ReporterName } : { name: name as ReporterName, file };
  });
}

/**
 * Write each reporter's output: `render(spec)` gives its text (a spec with a file renders
 * for that file's folder: the HTML page links relative to it). Files are written atomically.
 */
export function emitReports(specs: readonly ReporterSpec[], render: (spec: ReporterSpec) => string, io: CliIo): void {
  for (const spec of specs) {
    const text = render(spec);
    if (spec.file === undefined) {
      io.out(text);
      continue;
    }
    try {
      writeFileAtomic(spec.file, text);
    } catch (e) {
      throw new CliError(`--reporter ${spec.name}:${spec.file}: cannot write the file (${(e as Error).message})`, 3);
    }
  }
}

/** Folder a reporter's output lands in (for relative links), given the current directory. */
export function reporterDir(spec: ReporterSpec, cwd = '.'): string {
  return spec.file === undefined ? cwd : path.dirname(spec.file);
}
