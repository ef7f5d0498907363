import type {
  CameraResponseDto,
  CreateCameraDto,
  ErrorResponse,
  Page,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { adminToken, EDGE, edge, eventually, mediamtxApi } from './support/stack';

/** Unique per run, so that reruns and the demo cameras never collide with these. */
const RUN = randomUUID().slice(0, 8);
const PASSWORD = `pw-${randomUUID()}`;
const SOURCE = `rtsp://e2e-user:${PASSWORD}@127.0.0.1:8554/e2e_${RUN}`;

let token: string;
const created = new Set<number>();
/** Every raw body the API answered in this file; none may contain the camera password. */
const bodies: string[] = [];

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await edge(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function createCamera(fields: Partial<CreateCameraDto> = {}): Promise<CameraResponseDto> {
  const res = await api<CameraResponseDto>('POST', '/api/cameras', {
    name: `e2e ${RUN} ${randomUUID().slice(0, 8)}`,
    sourceUrl: SOURCE,
    ...fields,
  });
  expect(res.status).toBe(201);
  created.add(res.body.id);
  return res.body;
}

const fieldsOf = (error: ErrorResponse) => [...new Set(error.details.map((d) => d.field))].sort();

beforeAll(async () => {
  token = await adminToken();
});

afterAll(async () => {
  for (const id of created) await api('DELETE', `/api/cameras/${id}`);
  expect(bodies.filter((text) => text.includes(PASSWORD))).toEqual([]);
});

describe('cameras through the edge', () => {
  it('creates, reads, lists, updates and deletes a camera', async () => {
    const camera = await createCamera({
      name: `e2e ${RUN} gate`,
      location: { lat: -23.56, lon: -46.65, address: 'Av. Paulista' },
      tags: ['E2E', 'gate', 'gate'],
      lpr: { enabled: true, fps: 2 },
    });
    expect(camera).toEqual({
      id: expect.any(Number),
      name: `e2e ${RUN} gate`,
      path: `cam_${camera.id}`,
      sourceUrl: `rtsp://***:***@127.0.0.1:8554/e2e_${RUN}`,
      subStreamUrl: null,
      location: { lat: -23.56, lon: -46.65, address: 'Av. Paulista' },
      tags: ['e2e', 'gate'],
      recording: { enabled: true, retentionDays: 7 },
      lpr: { enabled: true, fps: 2 },
      enabled: true,
      status: {
        state: expect.stringMatching(/^(connecting|online|offline)$/),
        since: expect.any(String),
      },
      liveUrls: {
        hls: `/hls/cam_${camera.id}/index.m3u8`,
        whep: `/webrtc/cam_${camera.id}/whep`,
        playback: `/playback/list?path=cam_${camera.id}`,
      },
      subStream: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const read = await api<CameraResponseDto>('GET', `/api/cameras/${camera.id}`);
    expect(read).toEqual({ status: 200, body: { ...camera, status: expect.any(Object) } });

    const listed = await api<Page<CameraResponseDto>>('GET', `/api/cameras?q=${RUN}%20gate`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c) => c.id)).toEqual([camera.id]);

    // Without a sourceUrl the credentials stay (still masked); a new one replaces them.
    const renamed = await api<CameraResponseDto>('PATCH', `/api/cameras/${camera.id}`, {
      name: `e2e ${RUN} gate renamed`,
      enabled: false,
      recording: { retentionDays: 30 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: `e2e ${RUN} gate renamed`,
      sourceUrl: camera.sourceUrl,
      enabled: false,
      status: { state: 'disabled' },
      recording: { enabled: true, retentionDays: 30 },
    });
    const plain = await api<CameraResponseDto>('PATCH', `/api/cameras/${camera.id}`, {
      sourceUrl: `rtsp://127.0.0.1:8554/e2e_${RUN}_plain`,
    });
    expect(plain.body.sourceUrl).toBe(`rtsp://127.0.0.1:8554/e2e_${RUN}_plain`);

    expect((await api('DELETE', `/api/cameras/${camera.id}`)).status).toBe(204);
    created.delete(camera.id);
    expect((await api('GET', `/api/cameras/${camera.id}`)).status).toBe(404);
  });

  it('gives a sub-stream its own MediaMTX path, kept in step with the registry, never recorded', async () => {
    const subSource = `rtsp://e2e-user:${PASSWORD}@127.0.0.1:8554/e2e_${RUN}_sub`;
    const camera = await createCamera({ subStreamUrl: subSource });
    const sub = `cam_${camera.id}_sub`;
    expect(camera).toMatchObject({
      subStreamUrl: `rtsp://***:***@127.0.0.1:8554/e2e_${RUN}_sub`,
      subStream: { path: sub, hls: `/hls/${sub}/index.m3u8`, whep: `/webrtc/${sub}/whep` },
    });
    const config = await eventually(async () => {
      const res = await mediamtxApi(`/v3/config/paths/get/${sub}`);
      if (res.status !== 200) throw new Error(`${sub}: MediaMTX answered ${res.status}`);
      return (await res.json()) as { source: string; record: boolean };
    }, 15_000);
    // MediaMTX pulls with the credentials; only its service-only control API shows them.
    expect(config).toMatchObject({ source: subSource, record: false });

    const removed = await api<CameraResponseDto>('PATCH', `/api/cameras/${camera.id}`, {
      subStreamUrl: null,
    });
    expect(removed.body).toMatchObject({ subStreamUrl: null, subStream: null });
    await eventually(async () => {
      const res = await mediamtxApi(`/v3/config/paths/get/${sub}`);
      if (res.status !== 404) throw new Error(`${sub} is still configured (${res.status})`);
    }, 15_000);
    expect((await mediamtxApi(`/v3/config/paths/get/cam_${camera.id}`)).status).toBe(200);
  });

  it('never returns the credentials, only a masked URL', async () => {
    const camera = await createCamera();
    expect(camera.sourceUrl).toBe(`rtsp://***:***@127.0.0.1:8554/e2e_${RUN}`);
    await api('GET', `/api/cameras/${camera.id}`);
    await api('GET', '/api/cameras?limit=500');
    await api('PATCH', `/api/cameras/${camera.id}`, { tags: ['masked'] });
    expect(bodies.filter((text) => text.includes(PASSWORD))).toEqual([]);
    expect(bodies.some((text) => text.includes('***:***@'))).toBe(true);
  });

  const valid = () => ({ name: `e2e ${RUN} bad ${randomUUID().slice(0, 8)}`, sourceUrl: SOURCE });
  it.each<[string, () => object, string[]]>([
    ['a missing name', () => ({ sourceUrl: SOURCE }), ['name']],
    ['an empty name', () => ({ ...valid(), name: '  ' }), ['name']],
    ['a missing sourceUrl', () => ({ name: valid().name }), ['sourceUrl']],
    ['an http sourceUrl', () => ({ ...valid(), sourceUrl: 'http://127.0.0.1/x' }), ['sourceUrl']],
    ['an fps out of range', () => ({ ...valid(), lpr: { fps: 11 } }), ['lpr.fps']],
    ['an fps below range', () => ({ ...valid(), lpr: { fps: 0.1 } }), ['lpr.fps']],
    [
      'a retention out of range',
      () => ({ ...valid(), recording: { retentionDays: 0 } }),
      ['recording.retentionDays'],
    ],
    [
      'a latitude out of range',
      () => ({ ...valid(), location: { lat: 95, lon: 0 } }),
      ['location.lat'],
    ],
    ['a bad tag', () => ({ ...valid(), tags: ['no spaces'] }), ['tags']],
    ['an unknown field', () => ({ ...valid(), colour: 'red' }), ['colour']],
    ['a wrong type', () => ({ ...valid(), enabled: 'yes' }), ['enabled']],
    [
      'several at once',
      () => ({ name: 7, sourceUrl: 'ftp://x', lpr: { fps: 'fast' } }),
      ['lpr.fps', 'name', 'sourceUrl'],
    ],
  ])('answers 400 naming the field for %s', async (_, body, fields) => {
    const res = await api<ErrorResponse>('POST', '/api/cameras', body());
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(fields);
  });

  it('answers 400 naming the field for a bad PATCH, and changes nothing', async () => {
    const camera = await createCamera();
    const res = await api<ErrorResponse>('PATCH', `/api/cameras/${camera.id}`, {
      name: 'changed',
      sourceUrl: 'rtmp://x/y',
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['sourceUrl']);
    expect((await api<CameraResponseDto>('GET', `/api/cameras/${camera.id}`)).body.name).toBe(
      camera.name,
    );
  });

  it.each(['abc', '0', '-4', '2147483648'])('answers 400 naming `id` for id %s', async (id) => {
    const res = await api<ErrorResponse>('GET', `/api/cameras/${id}`);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['id']);
  });

  it('answers 404 for an unknown id on every verb', async () => {
    const unknown = 2147483647;
    expect((await api('GET', `/api/cameras/${unknown}`)).status).toBe(404);
    expect((await api('PATCH', `/api/cameras/${unknown}`, { name: 'x' })).status).toBe(404);
    expect((await api('DELETE', `/api/cameras/${unknown}`)).status).toBe(404);
  });

  it('answers 409 for a duplicate name, whatever its case', async () => {
    const camera = await createCamera();
    const res = await api<ErrorResponse>('POST', '/api/cameras', {
      name: camera.name.toUpperCase(),
      sourceUrl: SOURCE,
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain(camera.name.toUpperCase());
    expect(fieldsOf(res.body)).toEqual(['name']);
  });

  it('answers 400 naming the parameter for a bad list query', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['sort=id', 'sort'],
      ['status=exploded', 'status'],
      ['cursor=garbage', 'cursor'],
    ]) {
      const res = await api<ErrorResponse>('GET', `/api/cameras?${query}`);
      expect({ query, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
  });

  describe('pagination', () => {
    const tag = `page-${RUN}`;
    const ids = new Set<number>();

    beforeAll(async () => {
      for (let i = 0; i < 12; i++) {
        ids.add((await createCamera({ tags: [tag], enabled: i % 3 !== 0 })).id);
      }
    });

    // Not by status here: the status watcher may move a camera between pages while they are read.
    it.each([
      ['name', 'asc'],
      ['name', 'desc'],
      ['createdAt', 'asc'],
      ['createdAt', 'desc'],
    ])('walks every camera exactly once, sorted by %s %s', async (sort, order) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const after = cursor ? `&cursor=${cursor}` : '';
        const page: { status: number; body: Page<CameraResponseDto> } = await api(
          'GET',
          `/api/cameras?tag=${tag}&sort=${sort}&order=${order}&limit=5${after}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((c) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(ids.size);
      expect(new Set(seen)).toEqual(ids);
    });
  });

  it('lists with an entity tag: 304 while nothing changed, the new list once a camera changed', async () => {
    const path = `/api/cameras?tag=etag-${RUN}`;
    const list = () => edge(path, { headers: { authorization: `Bearer ${token}` } });
    // Not fetch: with If-None-Match it also sends Cache-Control: no-cache, which rightly asks for
    // the whole answer. This is what a browser's cache sends when it revalidates its copy.
    const revalidate = (etag: string) =>
      new Promise<number>((resolve, reject) =>
        get(`${EDGE}${path}`, {
          headers: { authorization: `Bearer ${token}`, 'if-none-match': etag },
          timeout: 10_000,
        })
          .on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
    const camera = await createCamera({ tags: [`etag-${RUN}`] });
    // The status watcher also writes (the new camera's source never comes up): retry until two
    // reads fall between its writes.
    const etag = await eventually(async () => {
      const first = await list();
      expect(first.status).toBe(200);
      const tag = first.headers.get('etag') ?? '';
      // HAProxy weakens the tag (W/) when it compresses the answer; If-None-Match compares weakly.
      // The tag is the cameras' version and the camera permissions' revision.
      expect(tag).toMatch(/^(W\/)?"[0-9a-f]{8}\.\d+\.\d+"$/);
      const items = ((await first.json()) as Page<CameraResponseDto>).items;
      expect(items.map((c) => c.id)).toEqual([camera.id]);
      expect(await revalidate(tag)).toBe(304);
      return tag;
    }, 10_000);

    expect(
      (await api('PATCH', `/api/cameras/${camera.id}`, { name: `renamed ${RUN}` })).status,
    ).toBe(200);
    expect(await revalidate(etag)).toBe(200);
    const changed = await list();
    expect(changed.headers.get('etag')).not.toBe(etag);
    const items = ((await changed.json()) as Page<CameraResponseDto>).items;
    expect(items.map((c) => c.name)).toEqual([`renamed ${RUN}`]);
  });

  it('refuses anonymous callers', async () => {
    expect((await edge('/api/cameras')).status).toBe(401);
    const res = await edge('/api/cameras', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid()),
    });
    expect(res.status).toBe(401);
  });
});
