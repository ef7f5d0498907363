// The cameras the benches register for themselves, always disabled: they exist to be listed, looked up
// and written to, never pulled. Enabled, MediaMTX would pull each of their sources (nothing serves
// rtsp://…/bench_N) and retry every few seconds: failing RTSP sessions and their log lines, a background
// load that belongs to no bench (with 250 enabled, MediaMTX took 7 % of a core under bench:api's load,
// 3-4 % without).
import { api, inPool } from './http.mjs';
import { host, ports } from './stack.mjs';

/** The 250 cameras of the API benches (bench:registry, bench:api): "bench camera N", tag "bench". */
export const BENCH_CAMERAS = 250;

/**
 * Creates the missing cameras "<name> N" (N = 1..count) with `tag` and `extra` fields, and disables
 * those of them an earlier run left enabled; resolves with their ids in order and how many were created.
 */
export async function ensureBenchCameras(
  token,
  { count = BENCH_CAMERAS, name = 'bench camera', tag = 'bench', path = 'bench', extra = {} } = {},
) {
  const nameOf = (n) => `${name} ${n}`;
  const existing = new Map();
  let cursor;
  for (let page = 0; page < 10; page++) {
    const q = `/api/cameras?tag=${tag}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await api('GET', q, { token });
    for (const c of r.items) existing.set(c.name, c);
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const missing = numbers.filter((n) => !existing.has(nameOf(n)));
  await inPool(missing, 8, async (n) => {
    const c = await api('POST', '/api/cameras', {
      token,
      body: {
        name: nameOf(n),
        sourceUrl: `rtsp://${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/${path}_${n}`,
        enabled: false,
        tags: [tag],
        ...extra,
      },
    });
    existing.set(c.name, c);
  });
  const ours = numbers.map((n) => existing.get(nameOf(n)));
  await inPool(
    ours.filter((c) => c.enabled),
    8,
    (c) => api('PATCH', `/api/cameras/${c.id}`, { token, body: { enabled: false } }),
  );
  return { ids: ours.map((c) => c.id), created: missing.length };
}
