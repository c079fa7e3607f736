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

/** Node's lists of live requests and handles (underscored but stable since Node 0.x). */
interface ProcessInternals {
  _getActiveRequests(): object[];
  _getActiveHandles(): object[];
}

/**
 * Requests (fs, dns) and handles (sockets, pipes) are compared by identity, so one that ends
 * while another starts is still seen; timers (Timeout, Immediate) only exist as counts.
 */
export class ResourceWatch {
  private readonly base = new Map<string, number>();
  private baseObjects = new Set<object>();

  /** Remember what is active now (the harness's own and the host's resources). */
  baseline(): void {
    this.base.clear();
    for (const r of process.getActiveResourcesInfo()) if (r === 'Timeout' || r === 'Immediate') this.base.set(r, (this.base.get(r) ?? 0) + 1);
    const p = process as unknown as ProcessInternals;
    this.baseObjects = new Set([...p._getActiveRequests(), ...p._getActiveHandles()]);
  }

  /**
   * The cheap check after every event: a request (fs, dns, a connect) that is not the host's.
   * Usually an empty list, so nearly free; timers and handles are looked at by `leak()` once
   * per execution.
   */
  newRequest(): string | undefined {
    const reqs = (process as unknown as ProcessInternals)._getActiveRequests();
    for (const o of reqs) if (!this.baseObjects.has(o)) return describe(o);
    return undefined;
  }

  /** A description of a resource that appeared since the baseline, or undefined. */
  leak(): string | undefined {
    const p = process as unknown as ProcessInternals;
    for (const o of p._getActiveRequests()) if (!this.baseObjects.has(o)) return describe(o);
    for (const o of p._getActiveHandles()) if (!this.baseObjects.has(o)) return describe(o);
    let timeouts = 0;
    let immediates = 0;
    for (const r of process.getActiveResourcesInfo()) {
      if (r === 'Timeout') timeouts++;
      else if (r === 'Immediate') immediates++;
    }
    if (timeouts > (this.base.get('Timeout') ?? 0)) return NAMES.Timeout;
    if (immediates > (this.base.get('Immediate') ?? 0)) return NAMES.Immediate;
    return undefined;
  }
}

function describe(o: object): string {
  const name = o.constructor?.name ?? 'resource';
  return NAMES[name] ?? (/Socket/.test(name) ? 'a real network socket' : `a real '${name}' resource`);
}
