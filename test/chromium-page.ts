/**
 * Test helper: render an HTML page in headless Chromium at 1400x900, the way a person opens a
 * report, and ask the rendered page whether key elements are really visible (not hidden by
 * style, not zero-sized, on screen once scrolled to, not covered by something else), and take
 * a screenshot. Chromium is Debian's (/usr/bin/chromium, installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

/** The viewport of the screenshot tests. */
export const VIEWPORT = { width: 1400, height: 900 } as const;

/** What to look for: a CSS selector, how many of its matches to check (default 3). */
export interface ProbeSpec {
  readonly selector: string;
  readonly max?: number;
  /** Also require the element's text not to be cut (scrollWidth <= clientWidth). */
  readonly fullText?: boolean;
}

/** What the page answered for one selector. */
export interface ProbeResult {
  readonly selector: string;
  readonly count: number;
  /** One entry per checked match: null = visible, else why not. */
  readonly problems: readonly (string | null)[];
}

/** The page-level answer. */
export interface PageProbe {
  readonly results: readonly ProbeResult[];
  /** document width: more than the viewport means a horizontal scroll bar. */
  readonly scrollWidth: number;
  /** What the page's own script reported (body[data-rendered]), if anything. */
  readonly rendered?: string;
}

const PROBE_SCRIPT = `
(function(){
  var specs = JSON.parse(document.getElementById('lockstep-probe-specs').textContent);
  function why(e, full){
    for (var a = e; a && a.nodeType === 1; a = a.parentElement) {
      var st = getComputedStyle(a);
      if (st.display === 'none') return 'display:none' + (a === e ? '' : ' on an ancestor');
      if (st.visibility !== 'visible') return 'visibility ' + st.visibility;
      if (parseFloat(st.opacity) === 0) return 'opacity 0';
    }
    e.scrollIntoView({ block: 'center', inline: 'nearest' });
    var b = e.getBoundingClientRect();
    if (b.width < 1 || b.height < 1) return 'zero size (' + b.width + 'x' + b.height + ')';
    var x = b.left + Math.min(b.width, 24) / 2, y = b.top + Math.min(b.height, 24) / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return 'off screen after scrolling to it (' + Math.round(x) + ',' + Math.round(y) + ')';
    var hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === e || e.contains(hit) || hit.contains(e))) return 'covered by <' + (hit ? hit.tagName.toLowerCase() + (hit.className && typeof hit.className === 'string' ? '.' + hit.className : '') : 'nothing') + '>';
    if (full && e.scrollWidth > e.clientWidth + 1) return 'text cut: ' + e.scrollWidth + ' > ' + e.clientWidth;
    return null;
  }
  var results = specs.map(function(s){
    var els = document.querySelectorAll(s.selector), problems = [];
    for (var i = 0; i < els.length && i < (s.max || 3); i++) problems.push(why(els[i], s.fullText));
    return { selector: s.selector, count: els.length, problems: problems };
  });
  window.scrollTo(0, 0);
  document.body.setAttribute('data-lockstep-probe', JSON.stringify({ results: results, scrollWidth: document.documentElement.scrollWidth, rendered: document.body.getAttribute('data-rendered') || undefined }));
})();
`;

function chromium(args: readonly string[], dir: string): string {
  return execFileSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--disable-background-networking', '--no-first-run',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, ...args,
  ], { encoding: 'utf8', timeout: 90_000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Render `html` (saved as `dir/<name>.probe.html`), probe `specs` after the page's own scripts
 * ran, and take a screenshot (`dir/<name>.png`) in the same Chromium run.
 */
export function probePage(html: string, specs: readonly ProbeSpec[], dir: string, name: string): PageProbe & { png: string } {
  const probe = `<script type="application/json" id="lockstep-probe-specs">${JSON.stringify(specs).replace(/</g, '\\u003c')}</script><script>${PROBE_SCRIPT}</script>`;
  const file = path.join(dir, `${name}.probe.html`);
  fs.writeFileSync(file, html.includes('</body>') ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${probe}</body>`) : html + probe);
  const png = path.join(dir, `${name}.png`);
  const dom = chromium([`--screenshot=${png}`, '--dump-dom', pathToFileURL(file).href], dir);
  const m = /data-lockstep-probe="([^"]*)"/.exec(dom);
  if (!m) throw new Error(`the probe did not run in ${file}`);
  const json = m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { ...(JSON.parse(json) as PageProbe), png };
}

/** Size of a PNG and the share of its pixel rows that are not one flat colour (0 for a blank page). */
export function pngStats(file: string): { width: number; height: number; busyRows: number } {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file} is not a PNG`);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const bitDepth = buf[24]!;
  const colourType = buf[25]!;
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : colourType === 4 ? 2 : 1;
  const bpp = Math.max(1, (channels * bitDepth) / 8);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  // copy into this realm's typed arrays: under jest, indexing a Buffer made by Node's own realm is ~50x slower
  const inflated = zlib.inflateSync(Buffer.concat(idat));
  const raw = new Uint8Array(inflated.length);
  raw.set(inflated);
  const stride = width * bpp;
  // undo the PNG row filters (RFC 2083 6.3) to compare real pixels
  let prev = new Uint8Array(stride);
  let row = new Uint8Array(stride);
  let busy = 0;
  for (let y = 0; y < height; y++) {
    const base = y * (stride + 1);
    const f = raw[base]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let add = 0;
      if (f === 1) add = a;
      else if (f === 2) add = b;
      else if (f === 3) add = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = (raw[base + 1 + i]! + add) & 0xff;
    }
    for (let i = bpp; i < stride; i++) if (row[i] !== row[i % bpp]) { busy++; break; }
    const t = prev;
    prev = row;
    row = t;
  }
  return { width, height, busyRows: busy / height };
}
