import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Porcupine built for the benchmark: the driver binary and what it was built from. */
export interface PorcupineBuild {
  readonly binary: string;
  readonly go: string;
  readonly source: string;
}

/** The Porcupine release the benchmark compares with (its test data is ../shared/data/porcupine). */
export const PORCUPINE_VERSION = 'v1.3.0';

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; out: string } {
  const r = spawnSync(cmd, [...args], { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim() };
}

/**
 * Build bench/porcupine-driver (our own Go program that imports Porcupine) in a folder
 * outside the repository. Porcupine's source comes from LOCKSTEP_PORCUPINE_SRC (a checkout
 * of github.com/anishathalye/porcupine at v1.3.0) or else from the Go module proxy. Returns
 * the build, or the reason it is not possible (no Go, no source): the benchmark then shows
 * the last recorded figures.
 */
export function buildPorcupine(repoRoot: string): PorcupineBuild | { readonly reason: string } {
  const go = run('go', ['version'], os.tmpdir());
  if (!go.ok) return { reason: 'Go is not installed (Debian: apt-get install golang-go)' };
  const driver = fs.readFileSync(path.join(repoRoot, 'bench', 'porcupine-driver', 'main.go'), 'utf8');
  const src = process.env.LOCKSTEP_PORCUPINE_SRC;
  const hash = crypto.createHash('sha256').update(driver).update(src ?? 'proxy').update(go.out).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `lockstep-porcupine-${hash}`);
  const binary = path.join(dir, 'porcupine-check');
  const source = src !== undefined ? `${src} (LOCKSTEP_PORCUPINE_SRC)` : `github.com/anishathalye/porcupine@${PORCUPINE_VERSION} (module proxy)`;
  if (fs.existsSync(binary)) return { binary, go: go.out, source };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.go'), driver);
  const mod = ['module lockstep-porcupine-bench', '', 'go 1.16', '', `require github.com/anishathalye/porcupine ${PORCUPINE_VERSION}`];
  if (src !== undefined) mod.push('', `replace github.com/anishathalye/porcupine => ${path.resolve(src)}`);
  fs.writeFileSync(path.join(dir, 'go.mod'), mod.join('\n') + '\n');
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const built = run('go', ['build', '-o', binary, '.'], dir, env);
  if (!built.ok) {
    const why = built.out.split('\n').find((l) => l.trim() !== '') ?? 'go build failed';
    return { reason: `cannot build Porcupine ${PORCUPINE_VERSION} (${why}); set LOCKSTEP_PORCUPINE_SRC to a checkout` };
  }
  return { binary, go: go.out, source };
}
