import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { EDGE, expectVideoAdvancing, launch, screenshot, secret } from './support/browser';

/**
 * One operator's day in the console, in order, in one browser context: a single login (the
 * per-username login limit), then the wall, fallback, cameras and language.
 */
describe('console in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('asks for a login, then opens the wall', async () => {
    await page.goto(`${EDGE}/`);
    await page.waitForURL(/\/login/);
    await screenshot(page, '01-login');
    await page.getByLabel('Usuário').fill('admin');
    await page.getByLabel('Senha').fill(secret('GTV_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(/\/wall$/);
    await page.locator('gtv-camera-tile[data-camera]').first().waitFor();
  });

  it('plays a demo camera on the wall', async () => {
    const tile = 'gtv-camera-tile[data-camera="1"]';
    await page.locator(`${tile}[data-state="playing"]`).waitFor({ timeout: 45_000 });
    expect(['webrtc', 'hls']).toContain(await page.locator(tile).getAttribute('data-transport'));
    await expectVideoAdvancing(page, tile);
    await screenshot(page, '02-wall-webrtc');
  });

  it('falls back to LL-HLS by itself when WHEP fails, and says why', async () => {
    // The same page: the session lives in sessionStorage, which a new tab would not have.
    const blockWhep = (route: Route) => route.fulfill({ status: 503, body: 'blocked by the test' });
    await page.route('**/webrtc/**', blockWhep);
    try {
      await page.goto(`${EDGE}/wall/1`);
      const tile = 'gtv-camera-tile[data-camera="1"]';
      await page.locator(`${tile}[data-transport="hls"]`).waitFor({ timeout: 45_000 });
      await expectVideoAdvancing(page, tile);
      expect(await page.locator(`${tile} .fallback`).textContent()).toContain('HTTP 503');
      await screenshot(page, '03-wall-hls-fallback');
    } finally {
      await page.unroute('**/webrtc/**', blockWhep);
    }
  });

  it('shows the API’s error next to a bad field when creating a camera', async () => {
    await page.goto(`${EDGE}/cameras/new`);
    await page.locator('#cam-name').fill('e2e camera with a bad source');
    await page.locator('#cam-source').fill('http://not-rtsp.example');
    await page.locator('form button[type="submit"]').click();
    const error = page.locator('#cam-source-error');
    await error.filter({ hasText: 'rtsp' }).waitFor();
    expect(await page.locator('#cam-source').getAttribute('aria-invalid')).toBe('true');
    expect((await page.locator('#cam-name-error').textContent())?.trim()).toBe('');
    await screenshot(page, '04-camera-field-error');
  });

  it('switches to English at run time', async () => {
    await page.goto(`${EDGE}/wall`);
    await page.locator('#language').selectOption('en');
    await page.getByRole('link', { name: 'Live wall' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, '05-english');
  });
});
