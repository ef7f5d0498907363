import { edge, eventually } from './support/stack';

/** MP4 box types at the top level of a fragment: `ftyp` starts an init segment, `moof` media. */
function topLevelBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: string[] = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    const size = view.getUint32(offset);
    boxes.push(String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)));
    if (size < 8) break;
    offset += size;
  }
  return boxes;
}

async function fetchText(
  path: string,
): Promise<{ url: string; text: string; server: string | null }> {
  const res = await edge(path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return { url: res.url, text: await res.text(), server: res.headers.get('server') };
}

describe('live video goes edge → MediaMTX', () => {
  it('serves a demo camera as LL-HLS: playlist and media segments, never from nginx', async () => {
    // The first request starts the HLS muxer; MediaMTX answers once it holds segments.
    const main = await eventually(() => fetchText('/hls/cam_1/index.m3u8'), 30_000);
    expect(main.text).toMatch(/^#EXTM3U/);
    expect(main.server ?? '').not.toMatch(/nginx/);
    expect(new URL(main.url).pathname).toMatch(/^\/hls\/cam_1\//);

    const variantLine = main.text.split('\n').find((l) => l && !l.startsWith('#'));
    expect(variantLine).toBeDefined();
    const variantUrl = new URL(variantLine as string, main.url);
    // A fresh muxer lists gaps (gap.mp4, not fetchable) and parts before its first complete
    // segment: wait for a real one.
    const { variant, initUri, segmentUri } = await eventually(async () => {
      const variant = await fetchText(variantUrl.pathname + variantUrl.search);
      const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(variant.text)?.[1];
      const segmentUri = variant.text
        .split('\n')
        .find((l) => /_seg\d+\.mp4(\?|$)/.test(l) && !l.startsWith('#'));
      if (!initUri || !segmentUri) throw new Error(`no complete segment yet:\n${variant.text}`);
      return { variant, initUri, segmentUri };
    }, 30_000);
    expect(variant.text).toMatch(/#EXT-X-PART-INF/); // low-latency HLS parts are advertised

    for (const [uri, box] of [
      [initUri, 'ftyp'],
      [segmentUri, 'moof'],
    ]) {
      const url = new URL(uri, variantUrl);
      expect(url.pathname).toMatch(/^\/hls\/cam_1\//);
      const res = await edge(url.pathname + url.search);
      expect(res.status).toBe(200);
      expect(res.headers.get('server') ?? '').not.toMatch(/nginx/);
      expect(topLevelBoxes(new Uint8Array(await res.arrayBuffer()))).toContain(box);
    }
  });

  it('routes a video extension to MediaMTX even outside /hls/, never to nginx', async () => {
    const res = await edge('/cam_999/index.m3u8');
    expect(res.headers.get('server') ?? '').not.toMatch(/nginx/);
    expect(res.status).not.toBe(200);
  });
});
