// A 16-tile wall for BENCH_WALL_SECONDS (default 60) in headless Chromium: frames decoded and dropped per
// tile from each video's getVideoPlaybackQuality(), counted from when every tile plays. Needs 16 demo
// cameras (GTV_DEMO_CAMERAS=16). The viewport is tall enough that every tile is visible (a tile's player
// exists only while it is). Target: < 1 % dropped on every tile.
import { int } from '../lib/stack.mjs';
import { demoWall, edge, launch, signedInPage, WALL_FLAGS } from './browser.mjs';

const TILES = 16;
const TARGET_PCT = 1;

const sample = (page) =>
  page.$$eval('gtv-camera-tile[data-camera]', (tiles) =>
    tiles.map((t) => {
      const v = t.querySelector('video');
      const q = v?.getVideoPlaybackQuality();
      return {
        camera: t.getAttribute('data-camera'),
        state: t.getAttribute('data-state'),
        transport: t.getAttribute('data-transport'),
        decoded: q?.totalVideoFrames ?? 0,
        dropped: q?.droppedVideoFrames ?? 0,
        width: v?.videoWidth ?? 0,
      };
    }),
  );

export async function wallFrames() {
  const seconds = int('BENCH_WALL_SECONDS', 60);
  const browser = await launch(WALL_FLAGS);
  try {
    const { page } = await signedInPage(browser, {
      wall: await demoWall(TILES),
      viewport: { width: 1920, height: 1400 },
    });
    await page.goto(`${edge}/wall`);
    const started = Date.now();
    await page
      .waitForFunction(
        (n) => document.querySelectorAll('gtv-camera-tile[data-state="playing"]').length >= n,
        TILES,
        { timeout: 120_000, polling: 1000 },
      )
      .catch(() => undefined);
    const startupSeconds = (Date.now() - started) / 1000;
    const a = await sample(page);
    await page.waitForTimeout(seconds * 1000);
    const b = await sample(page);
    const tiles = b.map((t) => {
      const before = a.find((x) => x.camera === t.camera) ?? { decoded: 0, dropped: 0 };
      const decoded = t.decoded - before.decoded;
      const dropped = t.dropped - before.dropped;
      return {
        ...t,
        decoded,
        dropped,
        fps: decoded / seconds,
        droppedPct: decoded > 0 ? (dropped / decoded) * 100 : null,
      };
    });
    const playing = tiles.filter((t) => t.state === 'playing' && t.decoded > 0);
    const worst = Math.max(...tiles.map((t) => t.droppedPct ?? 100));
    const totalDecoded = tiles.reduce((s, t) => s + t.decoded, 0);
    const totalDropped = tiles.reduce((s, t) => s + t.dropped, 0);
    const ok = playing.length === TILES && worst < TARGET_PCT;
    const lines = [
      `## ${TILES}-tile wall, ${seconds} s`,
      '',
      `${playing.length}/${TILES} tiles playing and decoding (all playing after ${startupSeconds.toFixed(1)} s). ` +
        `Viewport 1920×1400.`,
      '',
      '| camera | transport | width px | frames decoded | dropped | dropped % | decoded fps |',
      '|---|---|---:|---:|---:|---:|---:|',
      ...tiles.map(
        (t) =>
          `| ${t.camera} | ${t.transport ?? t.state} | ${t.width} | ${t.decoded} | ${t.dropped} | ` +
          `${t.droppedPct === null ? '—' : t.droppedPct.toFixed(2)} | ${t.fps.toFixed(1)} |`,
      ),
      '',
      `All tiles: ${totalDecoded} decoded, ${totalDropped} dropped ` +
        `(${totalDecoded ? ((totalDropped / totalDecoded) * 100).toFixed(2) : '—'} %); worst tile ${worst.toFixed(2)} %. ` +
        `Target < ${TARGET_PCT} % per tile: ${ok ? 'met' : '**missed**'}.`,
    ];
    return { lines, ok, result: { seconds, startupSeconds, tiles, target: TARGET_PCT } };
  } finally {
    await browser.close();
  }
}
