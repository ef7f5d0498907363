import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import {
  api,
  EDGE,
  expectAccessible,
  expectVideoAdvancing,
  launch,
  overlayHasDrawing,
  screenshot,
  secret,
} from './support/browser';

/**
 * One operator's day in the console, in order, in one browser context: a single login (the
 * per-username login limit), then the wall, fallback, cameras, language, live detections, search,
 * watchlist alerts, playback, dashboard and the admin pages. Each page, as a step leaves it, is
 * checked with axe for the WCAG A/AA failures it can find.
 */
describe('console in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** A plate the engine has read on demo camera 1, found by the overlay step. */
  let plate = '';
  /** One of that plate's detections that has a snapshot. */
  let detectionId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // What the page itself reports (uncaught errors, console.error) is printed with the results: a step
    // that fails because a component threw shows why, not only which locator timed out.
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
  });

  afterAll(async () => {
    if (pageErrors.length) console.warn(`the page reported:\n${pageErrors.join('\n')}`);
    await browser?.close();
  });

  it('asks for a login, then opens the wall', async () => {
    await page.goto(`${EDGE}/`);
    await page.waitForURL(/\/login/);
    await screenshot(page, '01-login');
    await expectAccessible(page, '01-login');
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
    await expectAccessible(page, '02-wall-webrtc');
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
    await expectAccessible(page, '04-camera-field-error');
  });

  it('switches to English at run time', async () => {
    await page.goto(`${EDGE}/wall`);
    await page.locator('#language').selectOption('en');
    await page.getByRole('link', { name: 'Live wall' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, '05-english');
    await expectAccessible(page, '05-english');
  });

  it('plays the sub-stream in the small tiles of a 4-tile wall, the main stream full size', async () => {
    const subStream = page.waitForRequest((request) =>
      /^\/(webrtc|hls)\/cam_1_sub\//.test(new URL(request.url()).pathname),
    );
    await page.goto(`${EDGE}/wall`);
    await page.getByRole('button', { name: '4 tiles' }).click();
    await subStream;
    const tile = 'gtv-camera-tile[data-camera="1"]';
    await page.locator(`${tile}[data-stream="sub"][data-state="playing"]`).waitFor({
      timeout: 45_000,
    });
    await expectVideoAdvancing(page, tile);
    await screenshot(page, '06-wall-sub-streams');

    await page.locator(tile).dblclick();
    await page.waitForURL(/\/wall\/1$/);
    await page.locator(`${tile}[data-stream="main"][data-state="playing"]`).waitFor({
      timeout: 45_000,
    });
  });

  it('draws a box over the live picture when a detection arrives', async () => {
    await page.goto(`${EDGE}/wall/1`);
    const tile = 'gtv-camera-tile[data-camera="1"]';
    await page.locator(`${tile}[data-state="playing"]`).waitFor({ timeout: 45_000 });
    // Demo plates change every 8 s; the box shows when the picture reaches the capture time.
    await page.waitForFunction(overlayHasDrawing, `${tile} canvas`, {
      timeout: 90_000,
      polling: 100,
    });
    await screenshot(page, '07-overlay-box');
    const latest = await api<{
      items: { id: string; plate: string; snapshotUrl: string | null }[];
    }>(page, '/api/detections?cameraId=1&limit=50');
    const withSnapshot = latest.items.find((d) => d.snapshotUrl !== null);
    plate = withSnapshot?.plate ?? '';
    detectionId = withSnapshot?.id ?? '';
    expect(plate).not.toBe('');
  }, 120_000);

  it('searches a plate and opens the detection with its snapshot', async () => {
    await page.goto(`${EDGE}/detections`);
    await page.locator('#f-plate').fill(plate);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`plate=${plate}`));
    const row = page.locator(`a[data-detection="${detectionId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(plate);
    await row.click();
    await page.waitForURL(/\/detections\/[0-9a-f-]+$/);
    const snapshot = page.locator('.snapshot img');
    await snapshot.waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('.snapshot img')?.naturalWidth ?? 0) > 0,
    );
    expect(await page.locator('h1.plate').textContent()).toBe(plate);
    await screenshot(page, '08-detection-snapshot');
    await expectAccessible(page, '08-detection-snapshot');
  });

  it('adds a watchlist entry for a demo plate and sees the alert arrive', async () => {
    const name = `e2e ${Date.now()}`;
    await page.goto(`${EDGE}/watchlists`);
    await page.locator('#wl-name').fill(name);
    await page.getByRole('button', { name: 'New watchlist' }).click();
    await page.locator('ul.lists button', { hasText: name }).click();
    await page.locator('#e-plate').fill(plate);
    await page.locator('#e-reason').fill('console e2e');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.locator('td.plate', { hasText: plate }).waitFor();
    try {
      // The demo clip shows each plate again every 64 s.
      const banner = page.locator('.banner', { hasText: plate });
      await banner.waitFor({ timeout: 120_000 });
      expect(await banner.textContent()).toContain('console e2e');
      await screenshot(page, '09-watchlist-alert');
      await expectAccessible(page, '09-watchlist-alert');
    } finally {
      const lists = await api<{ id: string; name: string }[]>(page, '/api/watchlists');
      const id = lists.find((list) => list.name === name)?.id;
      if (id) await api(page, `/api/watchlists/${id}`, 'DELETE');
    }
  }, 180_000);

  it('plays back the last minute of a camera, and a detection mark seeks there', async () => {
    await page.goto(`${EDGE}/playback?camera=1`);
    await page.getByRole('button', { name: 'Last 1 min', exact: true }).click();
    await page.waitForURL(/camera=1&from=/);
    const video = page.locator('video.player');
    await video.waitFor({ timeout: 30_000 });
    expect(await video.getAttribute('src')).toMatch(/^\/playback\/get\?.*path=cam_1&/);
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('video.player')?.currentTime ?? 0) > 1,
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(page, '10-playback');
    await expectAccessible(page, '10-playback');
    const mark = page.locator('button.mark').first();
    await mark.waitFor();
    const at = Number(await mark.getAttribute('data-at'));
    await mark.click();
    // The picture shown is the clip's start (in its URL) plus the video's time: near the mark.
    await page.waitForFunction(
      (markAt) => {
        const player = document.querySelector<HTMLVideoElement>('video.player');
        if (!player) return false;
        const start = Date.parse(new URL(player.src).searchParams.get('start') ?? '');
        return Math.abs(start + player.currentTime * 1000 - markAt) < 4000;
      },
      at,
      { timeout: 30_000 },
    );
    await screenshot(page, '11-playback-mark');
  });

  it('shows the dashboard as charts', async () => {
    await page.goto(`${EDGE}/dashboard`);
    // An hour without detections is a column of height 0: present, not visible.
    await page.locator('gtv-column-chart rect').first().waitFor({ state: 'attached' });
    expect(await page.locator('gtv-column-chart rect').count()).toBe(24);
    expect(Number(await page.locator('[data-status="online"]').textContent())).toBeGreaterThan(0);
    await screenshot(page, '12-dashboard');
    await expectAccessible(page, '12-dashboard');
  });

  it('lets an admin find a trace and open it as a waterfall', async () => {
    await page.goto(`${EDGE}/status/traces`);
    // By now the demo cameras' frames and the steps above have left traces across the services.
    const first = page.locator('tr[data-trace] button').first();
    await first.waitFor({ timeout: 30_000 });
    await first.click();
    await page.locator('gtv-trace-waterfall .bar').first().waitFor();
    await page.locator('gtv-trace-waterfall [data-span]').first().click();
    await page.locator('gtv-trace-waterfall .attributes dt').first().waitFor();
    await screenshot(page, '12b-trace-waterfall');
    await expectAccessible(page, '12b-trace-waterfall');
  });

  it('lets an admin manage users, with the API’s errors beside the fields, and API keys', async () => {
    await page.goto(`${EDGE}/users`);
    await page.locator('tr[data-user="admin"]').waitFor();
    await page.locator('#user-username').fill(`e2e-${Date.now()}`);
    await page.locator('#user-password').fill('short');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('#user-password-error').filter({ hasText: '12' }).waitFor();
    expect(await page.locator('#user-password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '13-users-field-error');
    await expectAccessible(page, '13-users-field-error');

    const name = `e2e key ${Date.now()}`;
    await page.goto(`${EDGE}/api-keys`);
    await page.locator('#key-name').fill(name);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const key = page.locator('[data-created-key]');
    await key.waitFor();
    expect(await key.textContent()).toMatch(/^gtv_/);
    await screenshot(page, '14-api-key-created');
    await expectAccessible(page, '14-api-key-created');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator(`tr[data-key="${name}"] button`).click();
    await page.locator(`tr[data-key="${name}"].revoked`).waitFor();
  });

  it('lets an admin grant a camera group to a new user, who then sees only that camera', async () => {
    const username = `e2e-access-${Date.now()}`;
    const password = 'correct horse battery staple';
    const groupName = `e2e gate ${Date.now()}`;
    let viewer: BrowserContext | undefined;
    try {
      await page.goto(`${EDGE}/users`);
      await page.locator('#user-username').fill(username);
      await page.locator('#user-role').selectOption('viewer');
      await page.locator('#user-password').fill(password);
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.locator(`tr[data-user="${username}"]`).waitFor();

      await page.getByRole('link', { name: 'Camera access' }).click();
      await page.waitForURL(/\/camera-access$/);
      await page.locator('#group-name').fill(groupName);
      await page.locator('#picker-filter').fill('#1');
      await page.locator('.picker-list input[data-camera="1"]').check();
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      // The saved group stays open with its grants: granted at once, to the user just created.
      await page.getByRole('heading', { name: `Edit group ${groupName}` }).waitFor();
      await page.locator('#grant-to').selectOption({ label: `${username} (viewer)` });
      await page.getByRole('button', { name: 'Grant', exact: true }).click();
      await page
        .locator('gtv-group-grants li[data-grant^="user:"]', { hasText: username })
        .waitFor();
      const row = page.locator(`tr[data-group="${groupName}"]`);
      await row.filter({ hasText: username }).waitFor();
      expect(await row.textContent()).toContain('1 cameras');
      await screenshot(page, '15-camera-group-granted');
      await expectAccessible(page, '15-camera-group-granted');

      // The user, in a browser of their own, sees camera 1 and no other one.
      viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const theirs = await viewer.newPage();
      await theirs.goto(`${EDGE}/login`);
      await theirs.getByLabel('Usuário').fill(username);
      await theirs.getByLabel('Senha').fill(password);
      await theirs.getByRole('button', { name: 'Entrar' }).click();
      await theirs.waitForURL(/\/wall$/);
      await theirs.locator('gtv-camera-tile[data-camera="1"]').waitFor();
      await theirs.getByRole('button', { name: '4 quadros' }).click();
      await theirs.locator('gtv-camera-tile').nth(3).waitFor();
      const onWall = await theirs
        .locator('gtv-camera-tile[data-camera]')
        .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-camera')));
      expect(onWall).toEqual(['1']);
      const choosable = await theirs
        .locator('#tile-camera-1 option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(choosable).toEqual(['', '1']);
      await screenshot(theirs, '16-granted-user-wall');
      await theirs.goto(`${EDGE}/cameras`);
      await theirs.locator('.row[data-camera="1"]').waitFor();
      const listed = await theirs
        .locator('.row[data-camera]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-camera')));
      expect(listed).toEqual(['1']);
      await screenshot(theirs, '17-granted-user-cameras');
      await expectAccessible(theirs, '17-granted-user-cameras');
      // Not an admin: no link to the admin pages, and their addresses lead back to the wall.
      expect(await theirs.getByRole('link', { name: 'Acesso às câmeras' }).count()).toBe(0);
      await theirs.goto(`${EDGE}/camera-access`);
      await theirs.waitForURL(/\/wall$/);
    } finally {
      await viewer?.close();
      const groups = await api<{ id: string; name: string }[]>(page, '/api/camera-groups');
      const group = groups.find((g) => g.name === groupName);
      if (group) await api(page, `/api/camera-groups/${group.id}`, 'DELETE');
      const users = await api<{ id: string; username: string }[]>(page, '/api/users');
      const user = users.find((u) => u.username === username);
      if (user) await api(page, `/api/users/${user.id}`, 'DELETE');
    }
  }, 120_000);
});
