// Glass-to-glass latency of the wall's two transports, on one page and one machine's clock.
//
// The camera is the bench's own (clock-publisher.mjs): every frame shows, as black and white cells, the
// wall-clock instant it was made. It is served from an RTSP server of the bench's own (rtsp-camera.mjs) and
// registered through the API like any camera, so the stack's MediaMTX pulls it as it pulls an IP camera and
// the console plays it through the edge with the admin's token, exactly as an operator's tile.
// Two tiles of it on one wall: the first WHEP offer goes through, the second is answered 503 (as the e2e
// test forces the fallback), so one tile plays WebRTC and the other LL-HLS. For every frame a tile
// presents (requestVideoFrameCallback), the page draws the code band to a canvas and reads the time
// (clock-code.mjs); latency = when the frame is shown − the time it carries.
//
// "Shown" is the callback's expectedDisplayTime (when the compositor expects the frame on screen) on the
// wall clock: performance.timeOrigin + expectedDisplayTime. Date.now() in the callback would be earlier, by
// up to a display frame (16.7 ms at 60 Hz), as the callback runs before the frame is composited. The two
// clocks' agreement is checked at the end of the run and reported.
//
// The camera, its server and its publisher exist for this run only; they are removed even when it fails
// (and the leftovers of a run killed before its cleanup, at the start of the next). Targets (p95):
// WebRTC ≤ 300 ms, LL-HLS ≤ 1.5 s.
import { api } from '../lib/http.mjs';
import { percentile } from '../lib/stats.mjs';
import { int } from '../lib/stack.mjs';
import { adminSession, edge, launch, sessionScript, WALL_FLAGS } from './browser.mjs';
import { clockCode } from './clock-code.mjs';
import { CLOCK_FPS, startClockPublisher } from './clock-publisher.mjs';
import { startRtspCamera } from './rtsp-camera.mjs';

const TARGET = { webrtc: 300, hls: 1500 };
const TAG = 'bench-latency';

/** In the page: every frame either tile presents, as {shown, time} (time null when unreadable). */
function recordFrames({ seconds }) {
  const code = window.gtvClockCode;
  const { band } = code;
  const record = (video, out, end) => {
    const canvas = document.createElement('canvas');
    canvas.width = band.width;
    canvas.height = band.height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const onFrame = (_now, meta) => {
      // The band in the video's own pixels, drawn at the size it was made (the picture is not scaled on
      // the way, but nothing here relies on that).
      const sx = video.videoWidth / code.width;
      const sy = video.videoHeight / code.height;
      ctx.drawImage(
        video,
        band.x * sx,
        band.y * sy,
        band.width * sx,
        band.height * sy,
        0,
        0,
        band.width,
        band.height,
      );
      const rgba = ctx.getImageData(0, 0, band.width, band.height).data;
      out.push({
        shown: performance.timeOrigin + meta.expectedDisplayTime,
        // Green: a gray picture's channels are equal, green is the one closest to luma.
        time: code.read((x, y) => rgba[(y * band.width + x) * 4 + 1]),
      });
      if (performance.now() < end) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const tile = (transport) =>
    document.querySelector(`gtv-camera-tile[data-transport="${transport}"] video`);
  const end = performance.now() + seconds * 1000;
  const webrtc = [];
  const hls = [];
  record(tile('webrtc'), webrtc, end);
  record(tile('hls'), hls, end);
  return new Promise((resolve) =>
    setTimeout(
      () =>
        resolve({
          webrtc,
          hls,
          clockSkewMs: performance.timeOrigin + performance.now() - Date.now(),
        }),
      seconds * 1000 + 500,
    ),
  );
}

/** Latency figures of one tile's frames. */
function summarise(frames) {
  const latency = frames
    .filter((f) => f.time !== null)
    .map((f) => f.shown - f.time)
    .sort((a, b) => a - b);
  return {
    presented: frames.length,
    decoded: latency.length,
    undecodable: frames.length - latency.length,
    min: latency[0] ?? null,
    p50: percentile(latency, 50),
    p95: percentile(latency, 95),
    p99: percentile(latency, 99),
    max: latency.at(-1) ?? null,
  };
}

async function removeCameras(token) {
  const { items } = await api('GET', `/api/cameras?tag=${TAG}&limit=500`, { token });
  for (const camera of items) await api('DELETE', `/api/cameras/${camera.id}`, { token });
}

/** The tile plays once MediaMTX pulls the feed: its HLS playlist answers through the edge. */
async function waitForStream(camera, token) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${edge}/hls/${camera.path}/index.m3u8`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
    if (res?.ok) return;
    if (Date.now() > deadline)
      throw new Error(`camera ${camera.path} does not play through the edge`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function measure(camera, session, seconds) {
  const browser = await launch(WALL_FLAGS);
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addInitScript(
      sessionScript(session, { layout: 4, cameraIds: [camera.id, camera.id] }),
    );
    await context.addInitScript(`window.gtvClockCode = (${clockCode})();`);
    let offers = 0;
    await context.route(new RegExp(`/webrtc/${camera.path}/whep$`), (route) =>
      route.request().method() === 'POST' && offers++ > 0
        ? route.fulfill({ status: 503, body: 'bench: this tile measures LL-HLS' })
        : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(`${edge}/wall`);
    for (const transport of ['webrtc', 'hls'])
      await page
        .locator(`gtv-camera-tile[data-transport="${transport}"][data-state="playing"]`)
        .waitFor({ timeout: 60_000 });
    // Let the HLS player settle at its live-edge target before measuring.
    await page.waitForTimeout(5000);
    return await page.evaluate(recordFrames, { seconds });
  } finally {
    await browser.close();
  }
}

export async function glassToGlass() {
  const seconds = int('BENCH_LATENCY_SECONDS', 30);
  const session = await adminSession();
  const token = session.accessToken;
  await removeCameras(token);
  const source = await startRtspCamera();
  const publisher = startClockPublisher(source.url);
  let run;
  try {
    const camera = await api('POST', '/api/cameras', {
      token,
      body: {
        name: 'bench latency clock',
        sourceUrl: source.url,
        tags: [TAG],
        recording: { enabled: false },
        lpr: { enabled: false },
      },
    });
    await Promise.race([
      waitForStream(camera, token),
      publisher.exited.then((exit) => {
        throw new Error(`the clock publisher exited (${exit.code ?? exit.signal}): ${exit.stderr}`);
      }),
      source.exited.then((exit) => {
        throw new Error(
          `the clock's RTSP server exited (${exit.code ?? exit.signal}): ${exit.log}`,
        );
      }),
    ]);
    run = { camera, frames: await measure(camera, session, seconds) };
  } finally {
    await publisher.stop();
    await source.stop();
    // Logged rather than thrown: a failed clean-up must not hide why the run failed.
    await removeCameras(token).catch((error) =>
      console.error(`bench:console latency: the bench camera was not removed: ${error.message}`),
    );
  }
  const published = publisher.counts();
  const webrtc = summarise(run.frames.webrtc);
  const hls = summarise(run.frames.hls);
  const met = (s, target) => s.p95 !== null && s.p95 <= target;
  const ok = met(webrtc, TARGET.webrtc) && met(hls, TARGET.hls);
  const f = (v) => (v === null ? '—' : v.toFixed(0));
  const row = (name, s, target) =>
    `| ${name} | ${s.presented} | ${s.decoded} | ${s.undecodable} | ${f(s.p50)} | ${f(s.p95)} | ` +
    `${f(s.p99)} | ${f(s.max)} | ≤ ${target} |`;
  const lines = [
    `## Glass-to-glass latency, a wall-clock camera (${CLOCK_FPS} fps) for ${seconds} s`,
    '',
    '| transport | frames presented | decoded | undecodable | p50 ms | p95 ms | p99 ms | max ms | target p95 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('WebRTC', webrtc, TARGET.webrtc),
    row('LL-HLS', hls, TARGET.hls),
    '',
    `Camera ${run.camera.path} pulling the bench's own RTSP server: ${published.made} frames ` +
      `published, ${published.skipped} skipped (the encoder still busy with the previous one). ` +
      `Shown = performance.timeOrigin + expectedDisplayTime; that clock minus Date.now() at the end ` +
      `of the run: ${run.frames.clockSkewMs.toFixed(1)} ms. Targets (p95): ${ok ? 'met' : '**missed**'}.`,
  ];
  return {
    lines,
    ok,
    result: {
      camera: run.camera.path,
      seconds,
      fps: CLOCK_FPS,
      published,
      webrtc,
      hls,
      clockSkewMs: run.frames.clockSkewMs,
      target: TARGET,
    },
  };
}
