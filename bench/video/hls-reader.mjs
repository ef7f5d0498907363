// One LL-HLS viewer as a player behaves: the multivariant playlist, the media playlist, the init
// section, then blocking playlist reloads (`_HLS_msn`/`_HLS_part`) for the next part and a GET of every
// part the playlist announces ("part" mode, what hls.js does in low-latency mode at the live edge), or
// blocking reloads for the next whole segment and a GET of each ("segment" mode, a player without
// low-latency support, or one catching up). Plain node:http with its own keep-alive agent of two
// sockets, as a browser tab holds: one waits on the blocking reload while the other fetches media.
import http from 'node:http';

const TIMEOUT_MS = 10_000;

/** GET with a bearer token; resolves with status, body, time to first byte and total time (ms). */
function get(agent, url, token) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = 0;
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      ttfb = performance.now() - t0;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          location: res.headers.location,
          body: Buffer.concat(chunks),
          ttfb,
          ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`timeout ${url}`)));
    req.on('error', reject);
  });
}

/** The parts and complete segments of a media playlist, each part tagged with its segment number. */
export function parsePlaylist(text) {
  const lines = text.split('\n').map((l) => l.trim());
  let msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
  const parts = [];
  const segments = [];
  let partIndex = 0;
  let pendingInf = false;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-PART:')) {
      parts.push({ msn, index: partIndex++, uri: /URI="([^"]+)"/.exec(line)[1] });
    } else if (line.startsWith('#EXTINF:')) {
      pendingInf = true;
    } else if (pendingInf && line && !line.startsWith('#')) {
      segments.push({ msn, uri: line });
      msn++;
      partIndex = 0;
      pendingInf = false;
    }
  }
  // `msn` is now the segment in progress; `partIndex` the parts it already has.
  return { map, parts, segments, nextMsn: msn, nextPart: partIndex };
}

/**
 * Runs one viewer until `until()` says stop. `base` is the camera's HLS root (…/cam_1/); samples go
 * to `stats` (arrays part, segment, reload of ms; counters bytes, errors, requests).
 */
export async function hlsViewer({ base, token, mode, until, stats, record }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const url = (rel) => new URL(rel, base).toString();
  const fetchOk = async (u) => {
    let r = await get(agent, u, token);
    stats.requests++;
    // MediaMTX redirects a path without its trailing slash; a player follows.
    if (r.status >= 300 && r.status < 400 && r.location) {
      r = await get(agent, new URL(r.location, u).toString(), token);
      stats.requests++;
    }
    if (r.status !== 200) throw new Error(`${r.status} ${u}`);
    if (record()) stats.bytes += r.body.length;
    return r;
  };
  try {
    const multivariant = (await fetchOk(url('index.m3u8'))).body.toString();
    const media = multivariant.split('\n').find((l) => l && !l.startsWith('#'));
    if (!media) throw new Error(`no media playlist in ${base}index.m3u8`);
    const mediaUrl = url(media.trim());
    let pl = parsePlaylist((await fetchOk(mediaUrl)).body.toString());
    if (pl.map) await fetchOk(url(pl.map));
    // Start at the live edge: what is listed now is history a player skips.
    const seen = new Set([...pl.parts.map((p) => p.uri), ...pl.segments.map((s) => s.uri)]);
    while (!until()) {
      // The playlist URL carries MediaMTX's session already (`?session=…`).
      const next = new URL(mediaUrl);
      if (mode === 'part') {
        next.searchParams.set('_HLS_msn', String(pl.nextMsn));
        next.searchParams.set('_HLS_part', String(pl.nextPart));
      } else {
        // Segment `nextMsn` is in progress (it has parts); it is complete once the next one begins.
        next.searchParams.set('_HLS_msn', String(pl.nextMsn + 1));
      }
      const reload = await fetchOk(next.toString());
      if (record()) stats.reload.push(reload.ms);
      pl = parsePlaylist(reload.body.toString());
      const fresh = mode === 'part' ? pl.parts : pl.segments;
      for (const item of fresh) {
        if (seen.has(item.uri)) continue;
        seen.add(item.uri);
        const r = await fetchOk(url(item.uri));
        if (record()) stats[mode].push(r.ms);
      }
      if (seen.size > 500) for (const u of [...seen].slice(0, 250)) seen.delete(u);
    }
  } catch (err) {
    if (!until()) {
      stats.errors++;
      stats.lastError = String(err.message ?? err);
    }
  } finally {
    agent.destroy();
  }
}
