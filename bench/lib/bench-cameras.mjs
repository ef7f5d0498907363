// The 250 cameras of the API benches (bench:registry, bench:api): "bench camera N", tag "bench".
// They exist to give the camera list and the seeded detections a site's worth of cameras. They are
// registered disabled: enabled, MediaMTX would pull each of their sources (nothing serves
// rtsp://…/bench_N) and retry every few seconds: 250 failing RTSP sessions and their log lines, a
// background load that belongs to neither bench (MediaMTX took 7 % of a core under bench:api's load
// with them enabled, 3-4 % without).
import { api, inPool } from './http.mjs';
import { host, ports } from './stack.mjs';

export const BENCH_CAMERAS = 250;
const nameOf = (n) => `bench camera ${n}`;

/**
 * Creates the bench cameras that are missing and disables those an earlier run left enabled;
 * resolves with their ids in order (camera 1 first) and how many were created.
 */
export async function ensureBenchCameras(token) {
  const existing = new Map();
  let cursor;
  for (let page = 0; page < 10; page++) {
    const q = `/api/cameras?tag=bench&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await api('GET', q, { token });
    for (const c of r.items) existing.set(c.name, c);
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  const numbers = Array.from({ length: BENCH_CAMERAS }, (_, i) => i + 1);
  const missing = numbers.filter((n) => !existing.has(nameOf(n)));
  await inPool(missing, 8, async (n) => {
    const c = await api('POST', '/api/cameras', {
      token,
      body: {
        name: nameOf(n),
        sourceUrl: `rtsp://${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/bench_${n}`,
        enabled: false,
        tags: ['bench'],
      },
    });
    existing.set(c.name, c);
  });
  const enabled = [...existing.values()].filter((c) => c.enabled);
  await inPool(enabled, 8, (c) =>
    api('PATCH', `/api/cameras/${c.id}`, { token, body: { enabled: false } }),
  );
  return { ids: numbers.map((n) => existing.get(nameOf(n)).id), created: missing.length };
}
