import type { StuckThread } from '../runtime/outcome';

/** What the runtime knows about one unfinished thread when it reports a deadlock or hang. */
export interface StuckInput {
  readonly thread: number;
  readonly name: string;
  readonly location: string;
  /** Base state: 'spinning', 'halted (pv_wait)', 'futex wait', 'sleeping', 'running', ... */
  readonly state: string;
  readonly waitingFor: string;
  readonly irqsOff: boolean;
  readonly inIpiHandler: boolean;
  readonly pendingIpis: readonly number[];
}

/** A StuckThread row: the base state qualified by irq state and IPI latches. */
export function stuckThread(s: StuckInput): StuckThread {
  const quals: string[] = [];
  if (s.inIpiHandler) quals.push('in IPI handler');
  if (s.irqsOff) quals.push('irqs off');
  if (s.pendingIpis.length > 0) quals.push(`IPI ${s.pendingIpis.join(',')} pending`);
  return {
    thread: s.thread,
    name: s.name,
    location: s.location === '' ? '(no t.at location)' : s.location,
    state: quals.length === 0 ? s.state : `${s.state} (${quals.join('; ')})`,
    waitingFor: s.waitingFor,
  };
}

/** One-line summary of stuck threads for a finding message. */
export function stuckSummary(stuck: readonly StuckThread[]): string {
  return stuck.map((s) => `${s.name} ${s.state} at ${s.location}`).join('; ');
}
