import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderFindingHtml } from '../harness/report/finding-html';
import { sampleEntry } from './corpus-fixture';
import { sampleOutcome } from './report-fixture';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`report-html-chromium: SKIPPED, ${CHROMIUM} is absent (the HTML is still checked statically)`);

function page(): string {
  return renderFindingHtml({
    entry: sampleEntry(),
    outcome: sampleOutcome(),
    check: { verdict: 'not-linearizable', steps: 10, explanation: { longestPrefix: [0], stuck: [1], reason: 'acquire by cpu1 while cpu0 holds the lock' } },
    replayCommand: 'npx lockstep replay corpus/ticket/x.json',
  });
}

test('finding page is self-contained and holds steps, timeline data and explanation', () => {
  const html = page();
  expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  expect(html.match(/<tr class="step/g)).toHaveLength(sampleOutcome().trace!.length);
  expect(html).toContain('acquire by cpu1 while cpu0 holds the lock');
  // model text is escaped, never markup
  expect(html).toContain('two threads in the critical section &lt;b&gt;');
});

(haveChromium ? test : test.skip)('headless Chromium renders the interleaving and draws the timeline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-html-'));
  const file = path.join(dir, 'finding.html');
  fs.writeFileSync(file, page());
  const dom = execFileSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, '--dump-dom', pathToFileURL(file).href],
    { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  // The script ran (it sets data-rendered after drawing) and saw every step row and op bar.
  expect(dom).toMatch(/<body data-rendered="bars:3 steps:8">/);
  expect(dom.match(/<tr class="step/g)).toHaveLength(8);
  expect(dom.match(/<rect class="op[^"]*"/g)).toHaveLength(3);
  expect(dom).toMatch(/<rect class="op stuck" data-op="1"/);
  expect(dom).toMatch(/<rect class="op pending" data-op="2"/);
  expect(dom).toContain('lock.next');
});
