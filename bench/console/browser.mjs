// Debian's Chromium for the console benchmarks: playwright-core with its executablePath (no browser
// download), the same headless flags as Lighthouse's launch, and a signed-in session put where the
// console keeps it (sessionStorage `gtv.session`, per tab) before the app starts.
import { chromium } from 'playwright-core';
import { api } from '../lib/http.mjs';
import { edge, secret } from '../lib/stack.mjs';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * `extra`: e.g. autoplay without a gesture (a kiosk wall) and loopback ICE candidates (Chromium leaves
 * 127.0.0.1 out of WebRTC by default; MediaMTX's ICE listener is on loopback in the single-node stack), and its
 * own host candidates as themselves: hidden behind mDNS names, MediaMTX never reaches them and the session
 * ends unconnected after its handshake timeout (seen: every WHEP tile fell back to LL-HLS).
 */
export const WALL_FLAGS = [
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export function launch(extra = []) {
  return chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [...CHROME_FLAGS, ...extra],
  });
}

/** A fresh admin session (its own refresh token, so two tabs never refresh the same one). */
export async function adminSession() {
  const pair = await api('POST', '/api/auth/login', {
    body: { username: 'admin', password: secret('GTV_ADMIN_PASSWORD') },
  });
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: Date.now() + pair.expiresIn * 1000,
  };
}

/**
 * A wall of the first `tiles` demo cameras, as an operator would choose them: left to itself the wall fills
 * with the first cameras by name, which on a stack other benches ran holds cameras with no video ("bench
 * camera N", bench:api's).
 */
export async function demoWall(tiles) {
  return wallOf(await demoCameras(tiles));
}

/** The first `count` demo cameras by id, as the API answers them. */
export async function demoCameras(count) {
  const { accessToken: token } = await adminSession();
  const demo = (await api('GET', '/api/cameras?tag=demo&limit=500', { token })).items
    .sort((a, b) => a.id - b.id)
    .slice(0, count);
  if (demo.length < count)
    throw new Error(`${demo.length} demo cameras; up with GTV_DEMO_CAMERAS=${count}`);
  return demo;
}

/** The wall's stored layout showing `cameras`, one tile each. */
export const wallOf = (cameras) => ({
  layout: cameras.length,
  cameraIds: cameras.map((c) => c.id),
});

/** Script run in the page before the console: the session, and optionally the wall's layout. */
export function sessionScript(session, wall) {
  return `sessionStorage.setItem('gtv.session', ${JSON.stringify(JSON.stringify(session))});${
    wall ? `localStorage.setItem('gtv.wall', ${JSON.stringify(JSON.stringify(wall))});` : ''
  }`;
}

/** A signed-in page of a new context; `wall` ({layout, cameraIds}) sets the wall before it loads. */
export async function signedInPage(browser, { wall, viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1920, height: 1080 } });
  await context.addInitScript(sessionScript(await adminSession(), wall));
  const page = await context.newPage();
  return { context, page };
}

export { edge };
