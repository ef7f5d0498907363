import type { CameraResponseDto, Page } from '@gt-vision/shared-types';
import { adminToken, edge, eventually, mediamtxApi as mediamtx } from './support/stack';
import { crashAndAwaitRestart } from './support/component-control';

const CAMERA = 1;
const PATH = `cam_${CAMERA}`;

async function api<T>(path: string): Promise<T> {
  const res = await edge(path, { headers: { authorization: `Bearer ${await adminToken()}` } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Every enabled demo camera online: the state the other specs expect to find. */
async function demoCamerasOnline(): Promise<void> {
  const page = await api<Page<CameraResponseDto>>('/api/cameras?q=Demo%20camera&limit=500');
  const notOnline = page.items
    .filter((camera) => camera.enabled && camera.status.state !== 'online')
    .map((camera) => `${camera.path} is ${camera.status.state}`);
  if (notOnline.length) throw new Error(notOnline.join(', '));
}

async function playlist(): Promise<string> {
  const token = encodeURIComponent(await adminToken());
  const res = await edge(`/hls/${PATH}/index.m3u8?token=${token}`);
  if (res.status !== 200) throw new Error(`playlist answered ${res.status}`);
  return res.text();
}

describe('a MediaMTX restart', () => {
  it('gets the camera paths back from the registry, without a hand', async () => {
    await eventually(demoCamerasOnline, 30_000);
    const before = await mediamtx(`/v3/config/paths/get/${PATH}`);
    expect(before.status).toBe(200);
    const config = (await before.json()) as { source: string; record: boolean };

    // A crash, not a clean stop: MediaMTX forgets every path added through its API either way.
    const crashedAt = Date.now();
    await crashAndAwaitRestart('mediamtx', 30_000);

    // The supervisor restarts MediaMTX with only mediamtx.yml's paths; the registry sees the drift.
    await eventually(
      async () => {
        const res = await mediamtx(`/v3/config/paths/get/${PATH}`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({
          name: PATH,
          source: config.source,
          record: config.record,
        });
      },
      30_000 - (Date.now() - crashedAt),
    );

    await expect(eventually(playlist, 45_000)).resolves.toMatch(/^#EXTM3U/);
    await eventually(async () => {
      const camera = await api<CameraResponseDto>(`/api/cameras/${CAMERA}`);
      expect(camera.status.state).toBe('online');
    }, 30_000);
    // Leave every demo camera as the other specs expect it.
    await eventually(demoCamerasOnline, 45_000);
  }, 180_000);
});
