// Lighthouse performance and accessibility of the login and wall pages, through the edge, in Debian's
// Chromium started by chrome-launcher. Desktop settings (Lighthouse's desktop config: desktop screen,
// its desktop network and CPU throttling): the console runs on operators' workstations, not on phones.
// The wall needs a signed-in session: it is written into sessionStorage before the console's scripts run
// (puppeteer's evaluateOnNewDocument, which Lighthouse's own navigation keeps), as a signed-in tab has it.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import {
  adminSession,
  CHROME_FLAGS,
  demoWall,
  CHROME_PATH,
  edge,
  sessionScript,
  WALL_FLAGS,
} from './browser.mjs';

const TARGET = 95;
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

async function audit(browser, url, script) {
  const page = await browser.newPage();
  try {
    if (script) await page.evaluateOnNewDocument(script);
    const run = await lighthouse(
      url,
      { onlyCategories: ['performance', 'accessibility'], logLevel: 'error' },
      desktopConfig,
      page,
    );
    const { categories, audits } = run.lhr;
    const failing = Object.values(audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 1 &&
          categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0),
      )
      .map((a) => ({
        id: a.id,
        title: a.title,
        items: a.details?.items?.length ?? 0,
        // Which elements, and why (e.g. the contrast ratio found): what a fix needs.
        nodes: (a.details?.items ?? []).slice(0, 5).map((i) => ({
          selector: i.node?.selector,
          snippet: i.node?.snippet,
          explanation: i.node?.explanation,
        })),
      }));
    return {
      url,
      finalUrl: run.lhr.finalDisplayedUrl,
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      metrics: Object.fromEntries(METRICS.map((m) => [m, audits[m]?.displayValue])),
      accessibilityFailing: failing,
      runWarnings: run.lhr.runWarnings,
    };
  } finally {
    await page.close();
  }
}

/** Each element a failing accessibility audit found, and why, as list lines; none when all pass. */
function failingNodes(pages) {
  const lines = pages.flatMap((p) =>
    p.accessibilityFailing.flatMap((a) =>
      a.nodes.map((n) => {
        const why = n.explanation
          ?.replace(/^Fix (?:any|all) of the following:\s*/, '')
          .split('\n')[0];
        return `- ${p.name}, ${a.id}: \`${n.selector}\`${why ? ` — ${why}` : ''}`;
      }),
    ),
  );
  return lines.length ? [...lines, ''] : [];
}

export async function lighthouseScores() {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', ...CHROME_FLAGS, ...WALL_FLAGS],
  });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const pages = [
      { name: 'login', ...(await audit(browser, `${edge}/login`)) },
      {
        name: 'wall',
        ...(await audit(
          browser,
          `${edge}/wall`,
          sessionScript(await adminSession(), await demoWall(4)),
        )),
      },
    ];
    await browser.disconnect();
    const ok = pages.every((p) => p.performance >= TARGET && p.accessibility >= TARGET);
    const lines = [
      '## Lighthouse (desktop config)',
      '',
      '| page | performance | accessibility | FCP | LCP | TBT | CLS | accessibility audits failing |',
      '|---|---:|---:|---:|---:|---:|---:|---|',
      ...pages.map(
        (p) =>
          `| ${p.name} (${p.finalUrl.replace(edge, '')}) | ${p.performance} | ${p.accessibility} | ` +
          `${p.metrics['first-contentful-paint']} | ${p.metrics['largest-contentful-paint']} | ` +
          `${p.metrics['total-blocking-time']} | ${p.metrics['cumulative-layout-shift']} | ` +
          `${p.accessibilityFailing.map((a) => `${a.id} (${a.items})`).join(', ') || 'none'} |`,
      ),
      '',
      ...failingNodes(pages),
      `Target ≥ ${TARGET} each: ${ok ? 'met' : '**missed**'}.`,
    ];
    return { lines, ok, result: { target: TARGET, pages } };
  } finally {
    chrome.kill();
  }
}
