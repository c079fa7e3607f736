import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkHistory } from '../checker/index';
import { opsFromIntervals } from '../history/ops-from-intervals';
import { renderCheckHtml } from './check-html';
import { toCheckHtmlHistory } from './check-html-history';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`check-html rendering test SKIPPED: ${CHROMIUM} is absent`);
}

const ops = opsFromIntervals([
  [0, 'write', 1, null, 0, 2], [1, 'write', 2, null, 1, 3], [2, 'read', null, 2, 4, 5], [0, 'read', null, 7, 6, 8], [3, 'write', 9, null, 7],
]);

function page(): string {
  const result = checkHistory('register', ops, {}, { describeStates: true });
  const ok = checkHistory('register', ops.slice(0, 3), {}, { describeStates: true });
  return renderCheckHtml([
    toCheckHtmlHistory('bad.jsonl', 'register', ops, result, [1, 2, 3, 4, 5]),
    toCheckHtmlHistory('good.jsonl', 'register', ops.slice(0, 3), ok),
  ], 'test </script> <b>title</b>');
}

/** The DOM of `html` after its scripts ran, from headless Chromium. */
function renderInChromium(html: string, flags: readonly string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-html-'));
  try {
    const file = path.join(dir, 'view.html');
    fs.writeFileSync(file, html);
    return execFileSync(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, ...flags, '--dump-dom', `file://${file}`,
    ], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('check HTML view', () => {
  it('embeds data safely and needs no external resource', () => {
    const html = page();
    expect(html).not.toContain('</script> <b>');
    expect(html).toContain('test &#60;/script&#62; &#60;b&#62;title&#60;/b&#62;');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    const data = JSON.parse(/id="check-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.histories[0]).toMatchObject({ verdict: 'not-linearizable', stuck: [3] });
    expect(data.histories[1].states).toHaveLength(3);
  });

  (haveChromium ? it : it.skip)('uses the full width for a small history, cuts no label, and drops "null -> null" (issue 11)', () => {
    const mutexOps = opsFromIntervals([[0, 'acquire', null, null, 0, 1], [1, 'acquire', null, null, 2, 5], [0, 'release', null, null, 3, 4], [1, 'release', null, null, 6, 7]]);
    const html = renderCheckHtml([toCheckHtmlHistory('m.jsonl', 'mutex', mutexOps, checkHistory('mutex', mutexOps, {}, { describeStates: true }))]);
    // measured in the page itself, after it has drawn (layout is not in a DOM dump)
    const probe = `<script>(function(){
      var bars = [].slice.call(document.querySelectorAll('.op'));
      var cut = bars.filter(function(b){ return b.scrollWidth > b.offsetWidth + 1; }).length;
      var tl = document.querySelector('.timeline > div');
      document.body.setAttribute('data-probe', JSON.stringify({ bars: bars.length, cut: cut, width: tl.offsetWidth, viewport: window.innerWidth,
        labels: bars.map(function(b){ return b.textContent; }) }));
    })();</script></body>`;
    const dom = renderInChromium(html.replace('</body>', probe), ['--window-size=1400,900']);
    const probeData = JSON.parse(/data-probe="([^"]*)"/.exec(dom)![1]!.replace(/&quot;/g, '"'));
    expect(probeData.bars).toBe(4);
    expect(probeData.cut).toBe(0);
    expect(probeData.width).toBeGreaterThan(0.85 * probeData.viewport);
    expect(probeData.labels).toEqual(['#1 acquire', '#2 release', '#3 acquire', '#4 release']);
  });

  (haveChromium ? it : it.skip)('renders every operation in headless Chromium', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-html-'));
    try {
      const file = path.join(dir, 'view.html');
      fs.writeFileSync(file, page());
      const dom = execFileSync(CHROMIUM, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, '--dump-dom', `file://${file}`,
      ], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'ignore'] });
      expect(dom).toContain('data-rendered="2"');
      const bars = [...dom.matchAll(/<div class="([^"]*)" data-op="(\d+)"[^>]*>([^<]*)</g)].map((m) => ({ cls: m[1]!, id: Number(m[2]), label: m[3]! }));
      expect(bars).toHaveLength(ops.length + 3);
      const first = bars.slice(0, ops.length);
      expect(first.find((b) => b.id === 3)!.cls).toContain('stuck');
      expect(first.find((b) => b.id === 4)!.cls).toContain('open');
      const prefix = checkHistory('register', ops).explanation!.longestPrefix;
      expect(prefix.length).toBeGreaterThanOrEqual(3);
      expect(first.filter((b) => b.cls.split(' ').includes('lin')).map((b) => b.id).sort()).toEqual([...prefix].sort());
      expect(first.find((b) => b.id === 2)!.label).toMatch(new RegExp(`^#${prefix.indexOf(2) + 1} read → 2$`));
      expect(dom).toMatch(/read returned 7 but the register holds [29]/);
      expect(dom).toContain('>p3<');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
