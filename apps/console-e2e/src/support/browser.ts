import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Everything goes through the edge, as an operator's browser would. */
export const EDGE = process.env['GTV_EDGE_URL'] ?? 'http://127.0.0.1:80';
const STATE = process.env['GTV_STATE'] ?? '/var/lib/gt-vision';
/** Debian's Chromium: playwright-core never downloads a browser of its own here. */
const CHROMIUM = process.env['GTV_CHROMIUM'] ?? '/usr/bin/chromium';
/** Screenshots of each step, a test artefact (under dist/, which git ignores). */
export const ARTEFACTS = resolve(__dirname, '../../../../dist/console-e2e');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // Autoplay of the muted live video without a user gesture, as in any kiosk wall.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function screenshot(page: Page, step: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${step}.png`), fullPage: true });
}

/** A value from `$GTV_STATE/secrets.env` (lines of `NAME='value'`). */
export function secret(name: string): string {
  const file = readFileSync(join(STATE, 'secrets.env'), 'utf8');
  const match = file.match(new RegExp(`^${name}='([^']*)'$`, 'm'));
  if (!match) throw new Error(`${name} is not in ${join(STATE, 'secrets.env')}`);
  return match[1];
}

/** The playing video of a wall tile advances: the picture is live, not a still frame. */
export async function expectVideoAdvancing(page: Page, tileSelector: string): Promise<void> {
  const video = page.locator(`${tileSelector} video`);
  const start = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await page.waitForFunction(
    ({ selector, from }) => {
      const element = document.querySelector<HTMLVideoElement>(`${selector} video`);
      return !!element && element.currentTime > from + 1;
    },
    { selector: tileSelector, from: start },
    { timeout: 20_000 },
  );
}

/** A call to the API with the page's own session, for set-up and clean-up around the UI steps. */
export async function api<T = unknown>(page: Page, path: string, method = 'GET'): Promise<T> {
  return page.evaluate(
    async ({ path, method }) => {
      const session = JSON.parse(sessionStorage.getItem('gtv.session') ?? '{}') as {
        accessToken?: string;
      };
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${session.accessToken ?? ''}` },
      });
      if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
      return (response.status === 204 ? null : await response.json()) as T;
    },
    { path, method },
  );
}

/** Runs in the page: whether the overlay canvas has anything drawn on it (a box or a label). */
export function overlayHasDrawing(selector: string): boolean {
  const canvas = document.querySelector<HTMLCanvasElement>(selector);
  const context = canvas?.getContext('2d');
  if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return false;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
  return false;
}

/** axe-core's browser build, evaluated in the page (the console's CSP refuses an injected script tag). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The success criteria axe can check automatically: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
};

/** What WCAG itself exempts and axe cannot know, each with the exception that applies. */
const EXCEPTIONS = [
  // 2.5.8's "Equivalent": a detection's mark on the playback timeline seeks where the slider under the
  // bar (a full-size target) seeks too, and detections seconds apart cannot be 24 px apart on the bar.
  { rule: 'target-size', html: /class="mark"/ },
];

/**
 * The page as it is now has no WCAG A/AA violation axe can find (contrast, names and labels, target
 * sizes, ARIA use...). A failure lists each rule with the elements and what to fix.
 */
export async function expectAccessible(page: Page, step: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe.run(options),
    WCAG_AA,
  );
  const found = results.violations.flatMap((v) =>
    v.nodes
      .filter((n) => !EXCEPTIONS.some((e) => e.rule === v.id && e.html.test(n.html)))
      .map(
        (n) =>
          `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim()}`,
      ),
  );
  if (found.length) throw new Error(`${step}: axe found\n${found.join('\n')}`);
}
