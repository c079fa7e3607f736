/**
 * Small formatting helpers shared by the report renderers (markdown, JUnit, HTML).
 */
import type { CellReport } from './campaign-report';

/** `1234567` -> `1,234,567` (locale-independent, so reports are byte-stable). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `violation 3, deadlock 1` (kinds sorted), or `none`. */
export function formatKinds(byKind: CellReport['findingsByKind']): string {
  const parts = Object.entries(byKind)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${formatCount(n ?? 0)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** Escape text for HTML and XML (element text and attribute values). */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Escape a markdown table cell. */
export function escapeMdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The replay command printed with every finding (ARCHITECTURE.md habit 6). */
export function replayCommand(entryFile: string): string {
  return `npx lockstep replay ${/[\s'"$`\\]/.test(entryFile) ? JSON.stringify(entryFile) : entryFile}`;
}

/**
 * `kind: message` for a finding, without doubling the kind when the message already starts
 * with it (corpus entries written before messages dropped their `hang:` / `deadlock:` prefix).
 */
export function findingText(kind: string, message: string): string {
  if (message.startsWith(`${kind}:`)) return `${kind}:${message.slice(kind.length + 1)}`;
  if (message.startsWith(`${kind} (`)) return message;
  return `${kind}: ${message}`;
}
