// Glass-to-glass latency of the wall's two transports, on one page and one clock.
//
// The demo cameras burn their clip clock (%{pts:hms}, a new reading every frame) into the top-right corner;
// it is the clip's time, not the wall clock (publishers loop a pre-rendered clip), so reading it alone says
// nothing about latency. Two measurements on the same camera instead:
//  - WebRTC, absolute: for each frame the console's <video> presents, requestVideoFrameCallback gives
//    captureTime (the frame's capture instant on the page's clock, which Chromium derives from the RTCP sender
//    reports: MediaMTX stamps each frame with the wall-clock time it received it from the publisher, the
//    "glass" of a demo camera) and expectedDisplayTime (when it reaches the screen). Latency = the difference.
//  - LL-HLS, relative to WebRTC: a second tile of the same camera is made to fall back to LL-HLS (its WHEP
//    offer answered 503, as the e2e test does). For every frame either tile presents, the clock's corner is
//    drawn to a canvas; the same burned-in clock reading decodes to the same pixels from both transports (one
//    H.264 stream, no transcoding), so each HLS frame is matched to the WebRTC frame with identical clock pixels:
//    HLS latency = its display time − the WebRTC frame's display time + that frame's WebRTC latency.
// Chromium takes loopback ICE candidates only with --allow-loopback-in-peer-connection (MediaMTX's ICE listener
// is on 127.0.0.1 here). Targets: WebRTC ≤ 300 ms, LL-HLS ≤ 1.5 s (p95).
import { api } from '../lib/http.mjs';
import { percentile } from '../lib/stats.mjs';
import { int } from '../lib/stack.mjs';
import { adminSession, edge, launch, sessionScript, WALL_FLAGS } from './browser.mjs';

const TARGET = { webrtc: 300, hls: 1500 };

/** In the page: records every presented frame of both tiles' videos (clock pixels, times). */
function recordFrames({ seconds }) {
  const tile = (transport) =>
    document.querySelector(`gtv-camera-tile[data-transport="${transport}"] video`);
  const crop = (video, ctx) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    // The clock: the right 40 % of the top 12 % of the picture.
    ctx.drawImage(video, w * 0.6, 0, w * 0.4, h * 0.12, 0, 0, 160, 24);
    const d = ctx.getImageData(0, 0, 160, 24).data;
    const g = new Uint8Array(160 * 24);
    for (let i = 0; i < g.length; i++) g[i] = (d[i * 4] + d[i * 4 + 1] + d[i * 4 + 2]) / 3;
    return g;
  };
  const record = (video, out, end) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 24;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const onFrame = (_now, meta) => {
      out.push({
        display: meta.expectedDisplayTime,
        capture: meta.captureTime ?? null,
        px: crop(video, ctx),
      });
      if (performance.now() < end) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const end = performance.now() + seconds * 1000;
  const webrtc = [];
  const hls = [];
  record(tile('webrtc'), webrtc, end);
  record(tile('hls'), hls, end);
  return new Promise((resolve) =>
    setTimeout(
      () => {
        const diff = (a, b) => {
          let s = 0;
          for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
          return s / a.length;
        };
        const webrtcLatency = webrtc
          .filter((f) => f.capture !== null)
          .map((f) => f.display - f.capture);
        const hlsLatency = [];
        let unmatched = 0;
        for (const h of hls) {
          let best = null;
          for (const w of webrtc) {
            // HLS is behind WebRTC, by less than 5 s; the clip's clock repeats once per loop.
            if (w.display > h.display || w.display < h.display - 5000) continue;
            const d = diff(h.px, w.px);
            if (!best || d < best.d) best = { d, w };
          }
          // Identical clock readings decode to (near-)identical pixels; the next reading differs by a digit.
          if (best && best.d < 2 && best.w.capture !== null)
            hlsLatency.push(h.display - best.w.display + (best.w.display - best.w.capture));
          else unmatched++;
        }
        resolve({
          webrtcFrames: webrtc.length,
          hlsFrames: hls.length,
          webrtcLatency,
          hlsLatency,
          unmatched,
          withCaptureTime: webrtc.filter((f) => f.capture !== null).length,
        });
      },
      seconds * 1000 + 500,
    ),
  );
}

export async function glassToGlass() {
  const seconds = int('BENCH_LATENCY_SECONDS', 30);
  const token = (await adminSession()).accessToken;
  const camera = (await api('GET', '/api/cameras?tag=demo&limit=500', { token })).items.sort(
    (a, b) => a.id - b.id,
  )[0];
  if (!camera) throw new Error('no demo camera');
  const browser = await launch(WALL_FLAGS);
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addInitScript(
      sessionScript(await adminSession(), { layout: 4, cameraIds: [camera.id, camera.id] }),
    );
    // The first WHEP offer for the camera goes through; every later one is refused, so one of the two
    // tiles plays WebRTC and the other falls back to LL-HLS.
    let offers = 0;
    // Both of the camera's streams: a small tile plays the sub stream (cam_1_sub).
    await context.route(new RegExp(`/webrtc/${camera.path}(_sub)?/whep$`), (route) =>
      route.request().method() === 'POST' && offers++ > 0
        ? route.fulfill({ status: 503, body: 'bench: this tile measures LL-HLS' })
        : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(`${edge}/wall`);
    await page
      .locator('gtv-camera-tile[data-transport="webrtc"][data-state="playing"]')
      .waitFor({ timeout: 60_000 });
    await page
      .locator('gtv-camera-tile[data-transport="hls"][data-state="playing"]')
      .waitFor({ timeout: 60_000 });
    // Let the HLS player settle at its live-edge target before measuring.
    await page.waitForTimeout(5000);
    const run = await page.evaluate(recordFrames, { seconds });
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? null };
    };
    const webrtc = stats(run.webrtcLatency);
    const hls = stats(run.hlsLatency);
    const ok =
      webrtc.p95 !== null &&
      webrtc.p95 <= TARGET.webrtc &&
      hls.p95 !== null &&
      hls.p95 <= TARGET.hls;
    const f = (v) => (v === null || v === undefined ? '—' : v.toFixed(0));
    const lines = [
      `## Glass-to-glass latency, camera ${camera.path}, ${seconds} s`,
      '',
      '| transport | frames measured | p50 ms | p95 ms | max ms | target ms |',
      '|---|---:|---:|---:|---:|---:|',
      `| WebRTC (rVFC captureTime → expectedDisplayTime) | ${webrtc.n} | ${f(webrtc.p50)} | ${f(webrtc.p95)} | ${f(webrtc.max)} | ≤ ${TARGET.webrtc} |`,
      `| LL-HLS (burned-in clock matched to the WebRTC frame) | ${hls.n} | ${f(hls.p50)} | ${f(hls.p95)} | ${f(hls.max)} | ≤ ${TARGET.hls} |`,
      '',
      `Frames presented: WebRTC ${run.webrtcFrames} (${run.withCaptureTime} with a capture time), LL-HLS ${run.hlsFrames} ` +
        `(${run.unmatched} without a matching WebRTC frame). Targets (p95): ${ok ? 'met' : '**missed**'}.`,
    ];
    return {
      lines,
      ok,
      result: {
        camera: camera.path,
        seconds,
        webrtc,
        hls,
        frames: { webrtc: run.webrtcFrames, hls: run.hlsFrames, unmatched: run.unmatched },
        target: TARGET,
      },
    };
  } finally {
    await browser.close();
  }
}
