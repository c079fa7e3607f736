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
      expect(first.find((b) => b.id === 2)!.label).toMatch(new RegExp(`^#${prefix.indexOf(2) + 1} read null → 2$`));
      expect(dom).toMatch(/read returned 7 but the register holds [29]/);
      expect(dom).toContain('>p3<');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
