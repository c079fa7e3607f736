/**
 * Real timers and I/O the harness cannot see (issue 9 "Bad input": client code that schedules
 * real I/O or real timers). Node lists the resources that keep its event loop alive
 * (process.getActiveResourcesInfo: Timeout, Immediate, FSReqCallback, TCPWRAP, ...); an
 * execution takes a baseline when it starts and, after every event, looks for a type whose
 * count grew. Cheap (well under a microsecond when nothing is active), so it runs every event.
 */

const NAMES: Readonly<Record<string, string>> = {
  Timeout: 'a real timer (a setTimeout/setInterval captured before the execution, or node:timers/promises)',
  Immediate: 'a real setImmediate (captured before the execution)',
  FSReqCallback: 'real file-system I/O',
  FSReqPromise: 'real file-system I/O',
  FileHandle: 'a real file handle',
  TCPWRAP: 'a real network socket',
  TCPConnectWrap: 'a real network connection',
  GetAddrInfoReqWrap: 'a real DNS lookup',
  ProcessWrap: 'a child process',
  PipeWrap: 'a real pipe',
  TTYWrap: 'a terminal handle',
  UDPWRAP: 'a real UDP socket',
  SignalWrap: 'a signal handler',
};

export class ResourceWatch {
  private readonly base = new Map<string, number>();

  /** Remember what is active now (the harness's own and the host's resources). */
  baseline(): void {
    this.base.clear();
    for (const r of process.getActiveResourcesInfo()) this.base.set(r, (this.base.get(r) ?? 0) + 1);
  }

  /** A description of a resource type that grew since the baseline, or undefined. */
  leak(): string | undefined {
    const now = process.getActiveResourcesInfo();
    if (now.length === 0) return undefined;
    const counts = new Map<string, number>();
    for (const r of now) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const [r, n] of counts) {
      if (n > (this.base.get(r) ?? 0)) return NAMES[r] ?? `a real '${r}' resource`;
    }
    return undefined;
  }
}
