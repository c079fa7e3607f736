import { CHECK_HTML_CSS, CHECK_HTML_SCRIPT } from './check-html-assets';
import type { CheckHtmlHistory } from './check-html-input';

export type { CheckHtmlHistory, CheckHtmlOp } from './check-html-input';

/** JSON safe to embed in a <script> element (no `</script>`, no HTML comment openers). */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A self-contained HTML page (inline CSS, script and data) showing checked histories in the
 * spirit of Porcupine's visualisation: one row per process, operations as bars on the time
 * axis, the linearization (or longest linearizable prefix) highlighted and numbered, the
 * operations that cannot be placed marked, hover for input/output and the spec state.
 */
export function renderCheckHtml(histories: readonly CheckHtmlHistory[], title = 'lockstep check'): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CHECK_HTML_CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<noscript>This page draws the histories with JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="check-data">${embedJson({ histories })}</script>
<script>${CHECK_HTML_SCRIPT}</script>
</body></html>
`;
}
