import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One run of a child process, measured from outside (start-up included). */
export interface ProcessSample {
  readonly wallMs: number;
  /** User + system CPU of the child (all its threads). */
  readonly cpuMs: number;
  /** Peak resident memory, when GNU time is available. */
  readonly maxRssMb?: number;
  readonly exitCode: number;
  readonly stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/** CPU seconds of this process's waited-for children so far (Linux /proc, clock ticks of 10 ms). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16, 17)
  } catch {
    return undefined;
  }
}

/**
 * Run `command args` to completion and measure it as a user would see it: wall time from
 * spawn to exit, CPU time and peak RSS from GNU time when /usr/bin/time exists (else CPU from
 * /proc at 10 ms resolution and no RSS). Throws when the command cannot be started.
 */
export function measureProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessSample {
  const useTime = fs.existsSync(GNU_TIME);
  const report = path.join(os.tmpdir(), `lockstep-time-${process.pid}.txt`);
  const cpu0 = useTime ? undefined : childrenCpuMs();
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', report, command, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, [...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  if (r.error) throw r.error;
  let cpuMs = Number.NaN;
  let maxRssMb: number | undefined;
  if (useTime) {
    const last = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (last[1]! + last[2]!) * 1000;
    maxRssMb = last[3]! / 1024;
    fs.rmSync(report, { force: true });
  } else if (cpu0 !== undefined) {
    cpuMs = (childrenCpuMs() ?? Number.NaN) - cpu0;
  }
  return { wallMs, cpuMs, ...(maxRssMb !== undefined ? { maxRssMb } : {}), exitCode: r.status ?? -1, stdout: r.stdout };
}

/** Median and range of a list of numbers. */
export function spread(xs: readonly number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2, min: s[0]!, max: s[s.length - 1]! };
}
