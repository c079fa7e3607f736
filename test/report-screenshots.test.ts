/**
 * Each kind of HTML page lockstep writes, rendered in headless Chromium at 1400x900 the way a
 * person opens it: the campaign page (index.html), a finding page (finding.html) and the
 * `check --html` page. Key elements must be visible (rendered, not hidden, on screen once
 * scrolled to, not covered), not only present in the DOM; the page must fit the width; the
 * screenshot must have that size and not be blank.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import type { CampaignReport } from '../harness/report/campaign-report';
import { CHROMIUM, haveChromium, pngStats, probePage, VIEWPORT, type PageProbe, type ProbeSpec } from './chromium-page';

if (!haveChromium) console.warn(`report-screenshots: SKIPPED, ${CHROMIUM} is absent (.ci/run installs Debian's chromium)`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-screens-'));
const quiet = (): CliIo => ({ exitCode: 0, isTty: false, out: () => undefined, err: () => undefined });
let out = '';
let report: CampaignReport;

beforeAll(async () => {
  out = path.join(tmp, 'campaign');
  // a hang (fair-continuation note), a deadlock (stuck threads), a violation, a clean cell, and
  // a missed expectation (the two-locks hang needs ~10,000 runs, 200 miss it)
  await main(['fuzz', 'mcs:no-wait-for-successor', 'futex-mutex:no-wake', 'ticket:racy-take', 'ticket:correct', 'pvqspinlock:v4.7-two-locks',
    '--memory', 'sc', '--runs', '200', '--seed', '1', '--workers', '0', '--out', out, '--progress', 'off'], quiet());
  report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as CampaignReport;
  await main(['check', '--model', 'cas-register', path.join(__dirname, '..', 'examples', 'histories', 'etcd-stale-read.log'), '--html', path.join(tmp, 'check.html')], quiet());
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Render `file`, probe `specs`, screenshot it; every checked element must be visible. */
function expectVisible(file: string, name: string, specs: readonly ProbeSpec[]): PageProbe {
  const probe = probePage(fs.readFileSync(file, 'utf8'), specs, path.dirname(file), name);
  for (const r of probe.results) expect({ selector: r.selector, found: r.count > 0, problems: r.problems.filter((p) => p !== null) }).toEqual({ selector: r.selector, found: true, problems: [] });
  expect(probe.scrollWidth).toBeLessThanOrEqual(VIEWPORT.width); // no horizontal scrolling at 1400 px
  const png = pngStats(probe.png);
  expect({ width: png.width, height: png.height }).toEqual({ width: VIEWPORT.width, height: VIEWPORT.height });
  expect(png.busyRows).toBeGreaterThan(0.1); // not a blank page
  return probe;
}

const it_ = haveChromium ? it : it.skip;

describe('HTML pages at 1400x900 in headless Chromium', () => {
  it_('the probe tells hidden, covered, empty and cut elements from visible ones, and a blank screenshot from a busy one', () => {
    const page = `<!DOCTYPE html><html><body style="margin:0">
<p id="ok">visible</p><p id="gone" style="display:none">x</p><p id="ghost" style="visibility:hidden">x</p><div id="empty"></div>
<div style="position:relative;height:40px"><span id="under">under</span><div style="position:absolute;inset:0;background:#fff"></div></div>
<div id="cut" style="width:50px;overflow:hidden;white-space:nowrap">a label much longer than fifty pixels</div>
<div style="height:3000px"></div><p id="far">far below</p></body></html>`;
    const p = probePage(page, [...['#ok', '#gone', '#ghost', '#empty', '#under', '#far'].map((selector): ProbeSpec => ({ selector })), { selector: '#cut', fullText: true }], tmp, 'probe-self-test');
    expect(Object.fromEntries(p.results.map((r) => [r.selector, r.problems[0]]))).toEqual({
      '#ok': null, '#gone': 'display:none', '#ghost': 'visibility hidden', '#empty': 'zero size (1400x0)',
      '#under': 'covered by <div>', '#far': null, '#cut': expect.stringMatching(/^text cut: 2\d\d > 50$/),
    });
    expect(pngStats(probePage('<!DOCTYPE html><html><body></body></html>', [], tmp, 'blank').png).busyRows).toBe(0);
  });

  it_('the campaign page: headline, missed expectation, verdicts, links to finding pages', () => {
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    expectVisible(path.join(out, 'index.html'), 'campaign', [
      { selector: 'h1' }, { selector: '#headline', fullText: true }, { selector: '#missed table' }, { selector: '#missed code' },
      { selector: '#cells table' }, { selector: '.badge.fail' }, { selector: '.badge.pass' },
      { selector: '#expected a[href$="finding.html"]', max: 5 }, { selector: '#expected div.cmd code' },
    ]);
  });

  it_('a finding page (hang): message, replay command, stuck threads, timeline bars, sentence rows and the fair-continuation note', () => {
    const hang = report.findings.find((f) => f.kind === 'hang')!;
    const probe = expectVisible(path.join(out, hang.dir, 'finding.html'), 'finding-hang', [
      { selector: 'h1' }, { selector: '#message' }, { selector: 'pre.cmd' }, { selector: '#timeline svg rect.op', max: 4 },
      { selector: '#interleaving th', max: 4 }, { selector: '#interleaving tr.step td.op', max: 5 }, { selector: '#interleaving tr.note td[colspan]' },
      { selector: '#interleaving tr.last' },
    ]);
    expect(probe.rendered).toMatch(/^bars:\d+ steps:\d+$/);
  });

  it_('a finding page (deadlock): the stuck-threads table', () => {
    const dl = report.findings.find((f) => f.kind === 'deadlock')!;
    expectVisible(path.join(out, dl.dir, 'finding.html'), 'finding-deadlock', [{ selector: 'h1' }, { selector: 'table tr td', max: 4 }, { selector: '#interleaving' }]);
  });

  it_('the check page: title, the history drawn as bars per process, the reason it is not linearizable', () => {
    expectVisible(path.join(tmp, 'check.html'), 'check', [
      { selector: 'h1' }, { selector: '#root .timeline', max: 1 }, { selector: '.row-label', max: 5, fullText: true }, { selector: '.reason', fullText: false },
    ]);
  });
});
