// A 16-tile wall for BENCH_WALL_SECONDS (default 60) in headless Chromium: frames decoded and dropped per
// tile from each video's getVideoPlaybackQuality(), counted from when every tile plays. Needs 16 demo
// cameras (GTV_DEMO_CAMERAS=16). The viewport is tall enough that every tile is visible (a tile's player
// exists only while it is). Then the reference, same browser and run: a plain page (no framework, no
// overlays) with a bare WHEP player per camera on the same sub-streams at the same size: what it drops, the
// machine drops, not the console. Target: < 1 % dropped on every tile.
import { int } from '../lib/stack.mjs';
import {
  adminSession,
  demoCameras,
  edge,
  launch,
  signedInPage,
  WALL_FLAGS,
  wallOf,
} from './browser.mjs';

const TILES = 16;
const TARGET_PCT = 1;

const CONSOLE_TILES = 'gtv-camera-tile[data-camera]';

/** Per tile (an element with `data-camera` holding a video): its state and the video's frame counts. */
const sample = (page, tileSelector = CONSOLE_TILES) =>
  page.$$eval(tileSelector, (tiles) =>
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

/** Frames decoded and dropped per video between two samples, over `seconds`. */
function framesBetween(a, b, seconds) {
  return b.map((t) => {
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
}

/**
 * Runs in the page: one receive-only WebRTC session per stream, as bare as WHEP allows (offer with every
 * candidate, the edge's answer), each into a muted autoplaying video of the console tile's size, in a
 * tile marked up as the console's are for `sample`.
 */
function bareWhepWall({ streams, token, width, height }) {
  document.body.innerHTML = '';
  document.body.style.cssText = 'margin:0;display:flex;flex-wrap:wrap;gap:4px;background:#000';
  return Promise.all(
    streams.map(async ({ camera, whep }) => {
      const tile = document.createElement('div');
      Object.assign(tile.dataset, {
        camera: String(camera),
        state: 'playing',
        transport: 'webrtc',
      });
      const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true });
      video.style.cssText = `width:${width}px;height:${height}px;object-fit:contain`;
      tile.append(video);
      document.body.append(tile);
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.ontrack = (event) => {
        if (event.track.kind === 'video') video.srcObject = event.streams[0];
      };
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise((resolve) => {
        setTimeout(resolve, 2000);
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
      });
      const res = await fetch(whep, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' },
        body: pc.localDescription.sdp,
      });
      if (res.status !== 201) throw new Error(`camera ${camera}: WHEP ${res.status}`);
      await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    }),
  );
}

/** The reference wall on a page of the edge's origin (same-origin WHEP, as the console's). */
async function referenceWall(browser, cameras, tileSize, seconds) {
  const { accessToken: token } = await adminSession();
  const streams = cameras.map((c) => ({ camera: c.id, whep: (c.subStream ?? c.liveUrls).whep }));
  const context = await browser.newContext({ viewport: { width: 1920, height: 1400 } });
  try {
    const page = await context.newPage();
    // Any small answer of the edge gives the page its origin; its body is replaced.
    await page.goto(`${edge}/health/camera-registry/live`);
    await page.evaluate(bareWhepWall, { streams, token, ...tileSize });
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-camera] video')].filter(
          (v) => v.getVideoPlaybackQuality().totalVideoFrames > 0,
        ).length >= n,
      streams.length,
      { timeout: 60_000, polling: 500 },
    );
    const a = await sample(page, 'div[data-camera]');
    await page.waitForTimeout(seconds * 1000);
    return framesBetween(a, await sample(page, 'div[data-camera]'), seconds);
  } finally {
    await context.close();
  }
}

const totals = (tiles) => {
  const decoded = tiles.reduce((s, t) => s + t.decoded, 0);
  const dropped = tiles.reduce((s, t) => s + t.dropped, 0);
  return {
    decoded,
    dropped,
    pct: decoded ? (dropped / decoded) * 100 : null,
    worst: Math.max(...tiles.map((t) => t.droppedPct ?? 100)),
  };
};

export async function wallFrames() {
  const seconds = int('BENCH_WALL_SECONDS', 60);
  const browser = await launch(WALL_FLAGS);
  try {
    const cameras = await demoCameras(TILES);
    const { page } = await signedInPage(browser, {
      wall: wallOf(cameras),
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
    const tiles = framesBetween(a, await sample(page), seconds);
    const tileSize = await page.$eval('gtv-camera-tile video', (v) => ({
      width: v.clientWidth,
      height: v.clientHeight,
    }));
    await page.context().close();
    const reference = await referenceWall(browser, cameras, tileSize, seconds);
    const playing = tiles.filter((t) => t.state === 'playing' && t.decoded > 0);
    const shown = totals(tiles);
    const bare = totals(reference);
    const ok = playing.length === TILES && shown.worst < TARGET_PCT;
    const pct = (x) => (x === null ? '—' : x.toFixed(2));
    const lines = [
      `## ${TILES}-tile wall, ${seconds} s`,
      '',
      `${playing.length}/${TILES} tiles playing and decoding (all playing after ${startupSeconds.toFixed(1)} s). ` +
        `Viewport 1920×1400, tiles ${tileSize.width}×${tileSize.height} px. Reference: a plain page with a bare ` +
        `WHEP player per camera on the same streams at the same size, measured right after.`,
      '',
      '| camera | transport | width px | frames decoded | dropped | dropped % | decoded fps | reference dropped % |',
      '|---|---|---:|---:|---:|---:|---:|---:|',
      ...tiles.map(
        (t) =>
          `| ${t.camera} | ${t.transport ?? t.state} | ${t.width} | ${t.decoded} | ${t.dropped} | ` +
          `${pct(t.droppedPct)} | ${t.fps.toFixed(1)} | ` +
          `${pct(reference.find((r) => r.camera === t.camera)?.droppedPct ?? null)} |`,
      ),
      '',
      `All tiles: ${shown.decoded} decoded, ${shown.dropped} dropped (${pct(shown.pct)} %); worst tile ` +
        `${pct(shown.worst)} %. Reference: ${bare.decoded} decoded, ${bare.dropped} dropped ` +
        `(${pct(bare.pct)} %); worst ${pct(bare.worst)} %. Target < ${TARGET_PCT} % per tile: ` +
        `${ok ? 'met' : '**missed**'}.`,
    ];
    return {
      lines,
      ok,
      result: { seconds, startupSeconds, tileSize, tiles, reference, target: TARGET_PCT },
    };
  } finally {
    await browser.close();
  }
}
