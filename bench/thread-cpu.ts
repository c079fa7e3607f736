import * as fs from 'node:fs';

/** CPU of one thread of a process, from /proc/<pid>/task/<tid>/stat (Linux only). */
export interface ThreadCpu {
  readonly tid: number;
  /** utime + stime, ms (clock ticks of 10 ms). */
  readonly cpuMs: number;
  /** When the thread started, in clock ticks since boot (field 22). */
  readonly startTicks: number;
}

/** Every thread of `pid` now; empty when the process is gone or /proc is missing. */
export function readThreads(pid: number): ThreadCpu[] {
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: ThreadCpu[] = [];
  for (const t of tids) {
    try {
      const s = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      // fields after the command name (which may hold spaces): state is field 3
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      out.push({ tid: Number(t), cpuMs: (Number(f[11]) + Number(f[12])) * 10, startTicks: Number(f[19]) });
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}

/** CPU ms of this process's waited-for children so far (cutime + cstime), or NaN without /proc. */
export function childrenCpuMs(): number {
  try {
    const f = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Threads Node 20 starts before running JavaScript, besides the main thread (see ThreadSampler.stop). */
const EARLY_THREADS = 6;

/**
 * Samples the threads of a running process and keeps each one's last reading, so the CPU of
 * threads that end before the process does (pool workers) is kept too. Node 20 names every
 * thread `node`, so threads are told apart by when they started: V8's platform threads
 * (background compilation, concurrent marking, parallel scavenging) start with the process,
 * before any JavaScript runs; the main thread is `pid`; threads started later are worker
 * threads and libuv's thread pool (file system work, little CPU).
 */
export class ThreadSampler {
  private readonly last = new Map<number, ThreadCpu>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    for (const t of readThreads(this.pid)) this.last.set(t.tid, t);
  }

  /** Stop sampling; CPU ms by class (the last interval before each thread ended is not seen). */
  stop(): { mainMs: number; helperMs: number; laterMs: number } {
    clearInterval(this.timer);
    // the threads Node creates before any JavaScript runs, after the main thread: V8's
    // platform workers (4 unless --v8-pool-size), the delayed-task scheduler and the SIGUSR1
    // watcher (the last two idle); start time first, thread id (allocated in order) second
    const early = [...this.last.values()].filter((t) => t.tid !== this.pid)
      .sort((a, b) => a.startTicks - b.startTicks || a.tid - b.tid).slice(0, EARLY_THREADS);
    const isEarly = new Set(early.map((t) => t.tid));
    let helperMs = 0;
    let laterMs = 0;
    for (const t of this.last.values()) {
      if (t.tid === this.pid) continue;
      if (isEarly.has(t.tid)) helperMs += t.cpuMs;
      else laterMs += t.cpuMs;
    }
    return { mainMs: this.last.get(this.pid)?.cpuMs ?? 0, helperMs, laterMs };
  }
}
