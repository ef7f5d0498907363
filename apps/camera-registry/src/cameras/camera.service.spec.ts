import { ConflictException, NotFoundException } from '@nestjs/common';
import {
  CameraListQueryDto,
  type CreateCameraDto,
  type UpdateCameraDto,
} from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { randomBytes } from 'node:crypto';
import { cameraEventsForTests } from './camera-events.fake';
import { CameraPageCache } from './camera-page.cache';
import { ConcurrentCameraChangeError } from './camera.model';
import { FakeCameraRepository } from './camera.repository.fake';
import type { CameraRepository } from './camera.repository';
import { CameraService, statusAfterToggle } from './camera.service';
import { CredentialCipher } from './credential-cipher';
import type { Principal } from '@gt-vision/backend-auth';
import {
  cameraAccessCascadesForTests,
  cameraAccessForTests,
  INSTALLED_ACCESS,
} from '../testing/camera-access.fake';

const SOURCE = 'rtsp://admin:hunter2@10.0.0.5:554/live';

function setup(cameraAccessCascades = cameraAccessCascadesForTests()) {
  const repository = new FakeCameraRepository();
  const cipher = new CredentialCipher({
    CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const { events, stored, relay } = cameraEventsForTests();
  jest.spyOn(events, 'changed');
  const service = new CameraService(
    repository as unknown as CameraRepository,
    cipher,
    events,
    new CameraPageCache(),
    cameraAccessForTests(),
    cameraAccessCascades.cascades,
  );
  return {
    service,
    announced: cameraAccessCascades.announced,
    repository,
    events: events as typeof events & { changed: jest.Mock },
    stored,
    relay,
  };
}

const create = (fields: Partial<CreateCameraDto> = {}): CreateCameraDto => ({
  name: 'Gate 1',
  sourceUrl: SOURCE,
  ...fields,
});
const query = (plain: object = {}) => plainToInstance(CameraListQueryDto, plain);

describe('CameraService', () => {
  it('creates a camera with the documented defaults, credentials masked', async () => {
    const { service, events } = setup();
    const camera = await service.create(create());
    expect(camera).toMatchObject({
      id: 1,
      path: 'cam_1',
      sourceUrl: 'rtsp://***:***@10.0.0.5:554/live',
      location: null,
      tags: [],
      recording: { enabled: true, retentionDays: 7 },
      lpr: { enabled: false, fps: 1 },
      enabled: true,
      status: { state: 'connecting' },
      liveUrls: { hls: '/hls/cam_1/index.m3u8' },
    });
    expect(JSON.stringify(camera)).not.toContain('hunter2');
    expect(events.changed).toHaveBeenCalledWith(1, 'created');
  });

  it('stores the credentials encrypted and gives them back only to the control plane', async () => {
    const { service, repository } = setup();
    const { id } = await service.create(create());
    const stored = repository.rows.get(id);
    expect(stored?.sourceUrl).toBe('rtsp://10.0.0.5:554/live');
    expect(stored?.sourceCredentials?.toString('latin1')).not.toContain('hunter2');
    await expect(service.sourceUrlWithCredentials(id)).resolves.toBe(SOURCE);
  });

  it('keeps the credentials on a PATCH without sourceUrl and replaces them with one', async () => {
    const { service } = setup();
    const { id } = await service.create(create());
    await service.update(id, { name: 'Gate 2' });
    await expect(service.sourceUrlWithCredentials(id)).resolves.toBe(SOURCE);
    const updated = await service.update(id, { sourceUrl: 'rtsp://10.0.0.6/live' });
    expect(updated.sourceUrl).toBe('rtsp://10.0.0.6/live');
    await expect(service.sourceUrlWithCredentials(id)).resolves.toBe('rtsp://10.0.0.6/live');
  });

  it('stores a sub-stream like the source: credentials encrypted, masked in answers, with its path', async () => {
    const { service, repository } = setup();
    const camera = await service.create(
      create({ subStreamUrl: 'rtsp://admin:hunter3@10.0.0.5:554/sub' }),
    );
    expect(camera).toMatchObject({
      subStreamUrl: 'rtsp://***:***@10.0.0.5:554/sub',
      subStream: {
        path: 'cam_1_sub',
        hls: '/hls/cam_1_sub/index.m3u8',
        whep: '/webrtc/cam_1_sub/whep',
      },
    });
    expect(JSON.stringify(camera)).not.toContain('hunter3');
    const stored = repository.rows.get(camera.id);
    expect(stored?.subStreamUrl).toBe('rtsp://10.0.0.5:554/sub');
    expect(stored?.subStreamCredentials?.toString('latin1')).not.toContain('hunter3');
    await expect(service.enabledPathSources()).resolves.toEqual([
      expect.objectContaining({
        sourceUrl: SOURCE,
        subStreamUrl: 'rtsp://admin:hunter3@10.0.0.5:554/sub',
      }),
    ]);
  });

  it('has no sub-stream unless given one; a PATCH keeps, replaces or removes it', async () => {
    const { service } = setup();
    const created = await service.create(create());
    expect(created).toMatchObject({ subStreamUrl: null, subStream: null });
    const { id } = created;
    await service.update(id, { subStreamUrl: 'rtsp://u:p@10.0.0.5/sub' });
    expect(await service.update(id, { name: 'Gate 2' })).toMatchObject({
      subStreamUrl: 'rtsp://***:***@10.0.0.5/sub',
    });
    expect(await service.update(id, { subStreamUrl: 'rtsp://10.0.0.5/sub2' })).toMatchObject({
      subStreamUrl: 'rtsp://10.0.0.5/sub2',
    });
    const [source] = await service.enabledPathSources();
    expect(source.subStreamUrl).toBe('rtsp://10.0.0.5/sub2');
    expect(await service.update(id, { subStreamUrl: null })).toMatchObject({
      subStreamUrl: null,
      subStream: null,
    });
  });

  it('makes a camera created disabled `disabled`', async () => {
    const { service } = setup();
    const camera = await service.create(create({ enabled: false }));
    expect(camera.status.state).toBe('disabled');
  });

  it('disables and re-enables a camera, each a new status since the change', async () => {
    const { service } = setup();
    const created = await service.create(create());
    const disabled = await service.update(created.id, { enabled: false });
    expect(disabled).toMatchObject({ enabled: false, status: { state: 'disabled' } });
    expect(disabled.status.since > created.status.since).toBe(true);
    const enabled = await service.update(created.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, status: { state: 'connecting' } });
  });

  it('leaves the status of a camera alone when enabled does not change', () => {
    expect(statusAfterToggle({ enabled: true }, true)).toBeUndefined();
    expect(statusAfterToggle({ enabled: false }, false)).toBeUndefined();
    expect(statusAfterToggle({ enabled: true }, false)).toBe('disabled');
    expect(statusAfterToggle({ enabled: false }, true)).toBe('connecting');
  });

  it('merges partial recording and LPR settings into the current ones', async () => {
    const { service } = setup();
    const { id } = await service.create(
      create({ recording: { enabled: false }, lpr: { enabled: true, fps: 2 } }),
    );
    const updated = await service.update(id, {
      recording: { retentionDays: 30 },
      lpr: { fps: 5 },
      location: { lat: 1, lon: 2 },
    });
    expect(updated).toMatchObject({
      recording: { enabled: false, retentionDays: 30 },
      lpr: { enabled: true, fps: 5 },
      location: { lat: 1, lon: 2, address: null },
    });
    expect((await service.update(id, { location: null })).location).toBeNull();
  });

  it('answers 409 naming the camera for a duplicate name, whatever its case', async () => {
    const { service, events } = setup();
    await service.create(create());
    const { id } = await service.create(create({ name: 'Gate 2' }));
    events.changed.mockClear();
    await expect(service.create(create({ name: 'GATE 1' }))).rejects.toThrow(
      new ConflictException('a camera named "GATE 1" already exists'),
    );
    await expect(service.update(id, { name: 'gate 1' })).rejects.toBeInstanceOf(ConflictException);
    expect(events.changed).not.toHaveBeenCalled();
  });

  it('answers 409 when enabled and status were changed concurrently', async () => {
    const { service, repository } = setup();
    const { id } = await service.create(create());
    jest.spyOn(repository, 'update').mockRejectedValueOnce(new ConcurrentCameraChangeError());
    await expect(service.update(id, { enabled: false })).rejects.toBeInstanceOf(ConflictException);
  });

  it('lets unexpected repository errors through (the filter answers 500)', async () => {
    const { service, repository } = setup();
    jest.spyOn(repository, 'insert').mockRejectedValueOnce(new Error('connection lost'));
    await expect(service.create(create())).rejects.toThrow('connection lost');
  });

  it.each<[string, (service: CameraService) => Promise<unknown>]>([
    ['get', (s) => s.get(9)],
    ['update', (s) => s.update(9, { name: 'x' })],
    ['update enabled', (s) => s.update(9, { enabled: false })],
    ['delete', (s) => s.remove(9)],
    ['source', (s) => s.sourceUrlWithCredentials(9)],
  ])('answers 404 for %s of an unknown camera, and publishes nothing', async (_, act) => {
    const { service, events } = setup();
    await expect(act(service)).rejects.toThrow(new NotFoundException('camera 9 does not exist'));
    expect(events.changed).not.toHaveBeenCalled();
  });

  it('publishes updates and deletions', async () => {
    const { service, events } = setup();
    const { id } = await service.create(create());
    await service.update(id, { tags: ['north'] });
    await service.remove(id);
    expect(events.changed.mock.calls).toEqual([
      [id, 'created'],
      [id, 'updated'],
      [id, 'deleted'],
    ]);
    await expect(service.get(id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('moves the access revision when a deleted camera was in a group, and announces it after the commit', async () => {
    const { service, announced, stored } = setup(cameraAccessCascadesForTests({ inGroups: [1] }));
    await service.create(create());
    await service.create(create({ name: 'Gate 2' }));
    await service.remove(2);
    expect(announced).toEqual([]);
    await service.remove(1);
    expect(announced).toEqual([2]);
    expect(stored.map((m) => (m.payload as { change: string }).change)).toEqual([
      'created',
      'created',
      'deleted',
      'deleted',
    ]);
  });

  it('stores each camera.changed with its write and wakes the relay after the commit', async () => {
    const { service, repository, stored, relay } = setup();
    const { id } = await service.create(create());
    expect(stored).toEqual([
      {
        subject: 'camera.changed',
        key: String(id),
        payload: {
          eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          cameraId: id,
          change: 'created',
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        },
      },
    ]);
    expect(relay.wakes).toBe(1);

    jest.spyOn(repository, 'update').mockRejectedValueOnce(new Error('connection lost'));
    await expect(service.update(id, { tags: ['x'] })).rejects.toThrow('connection lost');
    expect(stored).toHaveLength(1);
    expect(relay.wakes).toBe(1);
  });

  it('treats an empty PATCH as a read', async () => {
    const { service, events } = setup();
    const created = await service.create(create());
    const dto: UpdateCameraDto = {};
    await expect(service.update(created.id, dto)).resolves.toEqual(created);
    expect(events.changed).toHaveBeenCalledTimes(1);
  });

  it.each(['name', 'createdAt', 'status'] as const)(
    'walks every camera exactly once, page by page, sorted by %s',
    async (sort) => {
      const { service } = setup();
      for (let i = 0; i < 23; i++) {
        await service.create(create({ name: `Cam ${(i * 7) % 23}`, enabled: i % 4 !== 0 }));
      }
      for (const order of ['asc', 'desc']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await service.list(query({ sort, order, limit: '5', cursor }));
          seen.push(...page.items.map((camera) => camera.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(5);
        expect(new Set(seen).size).toBe(23);
        const all = await service.list(query({ sort, order, limit: '500' }));
        expect(all.nextCursor).toBeNull();
        expect(seen).toEqual(all.items.map((camera) => camera.id));
      }
    },
  );

  it('passes filters through to the repository in one query', async () => {
    const { service, repository } = setup();
    const list = jest.spyOn(repository, 'list');
    await service.list(
      query({ status: 'online', tag: 'a,b', enabled: 'true', lprEnabled: 'false', q: 'gate' }),
    );
    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith({
      status: 'online',
      tags: ['a', 'b'],
      enabled: true,
      lprEnabled: false,
      nameContains: 'gate',
      sort: 'name',
      order: 'asc',
      after: undefined,
      limit: 51,
    });
  });
});

describe('CameraService for other services (NATS)', () => {
  async function seeded() {
    const { service } = setup();
    await service.create(create({ name: 'Gate 1', lpr: { enabled: true, fps: 2 } }));
    await service.create(create({ name: 'Gate 2', lpr: { enabled: true }, enabled: false }));
    await service.create(create({ name: 'Yard' }));
    return service;
  }

  it('answers one camera without any source URL, or null when it does not exist', async () => {
    const service = await seeded();
    const reply = await service.summary(1);
    expect(reply).toEqual({
      version: 1,
      camera: {
        id: 1,
        name: 'Gate 1',
        path: 'cam_1',
        enabled: true,
        status: { state: 'connecting', since: expect.any(String) },
        lpr: { enabled: true, fps: 2 },
        recording: { enabled: true, retentionDays: 7 },
        location: null,
        tags: [],
      },
    });
    expect(JSON.stringify(reply)).not.toMatch(/rtsp|hunter2|admin/);
    await expect(service.summary(99)).resolves.toEqual({ version: 1, camera: null });
  });

  it('lists cameras by id with the filters combined', async () => {
    const service = await seeded();
    const ids = async (criteria: object) =>
      (await service.summaries(criteria)).cameras.map((camera) => camera.id);
    await expect(ids({})).resolves.toEqual([1, 2, 3]);
    await expect(ids({ lprEnabled: true })).resolves.toEqual([1, 2]);
    await expect(ids({ lprEnabled: true, enabled: true })).resolves.toEqual([1]);
    await expect(ids({ ids: [3, 2, 42] })).resolves.toEqual([2, 3]);
  });

  it('gives frame extraction the enabled cameras with LPR on, and their rate', async () => {
    const service = await seeded();
    await expect(service.lprCameras()).resolves.toEqual({
      version: 1,
      cameras: [{ id: 1, path: 'cam_1', lpr: { fps: 2 } }],
    });
  });
});

const VIEWER: Principal = {
  kind: 'user',
  id: 'viewer-1',
  username: 'viewer',
  role: 'viewer',
  tokenId: 't',
  family: 'f',
};

describe('CameraService.listPage', () => {
  it('serves the same prepared page until the cameras change, then a fresh one', async () => {
    const { service, repository } = setup();
    await service.create(create());
    const list = jest.spyOn(repository, 'list');

    const first = await service.listPage(query(), VIEWER);
    const again = await service.listPage(query(), VIEWER);
    expect(JSON.parse(first.json).items.map((c: { name: string }) => c.name)).toEqual(['Gate 1']);
    expect(again).toBe(first);
    expect(list).toHaveBeenCalledTimes(1);

    await service.create(create({ name: 'Gate 2' }));
    const after = await service.listPage(query(), VIEWER);
    expect(after.etag).not.toBe(first.etag);
    expect(JSON.parse(after.json).items).toHaveLength(2);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('keeps pages of different queries apart', async () => {
    const { service } = setup();
    await service.create(create({ name: 'Gate 1', tags: ['north'] }));
    await service.create(create({ name: 'Gate 2', tags: ['south'] }));

    const north = await service.listPage(query({ tag: 'north' }), VIEWER);
    const all = await service.listPage(query(), VIEWER);
    expect(JSON.parse(north.json).items).toHaveLength(1);
    expect(JSON.parse(all.json).items).toHaveLength(2);
  });

  it('sees a status change (written by the watcher, not the API) as a change', async () => {
    const { service, repository } = setup();
    const camera = await service.create(create());
    const before = await service.listPage(query(), VIEWER);
    await repository.updateStatus(camera.id, 'connecting', 'online', 'path ready');
    const after = await service.listPage(query(), VIEWER);
    expect(JSON.parse(after.json).items[0].status.state).toBe('online');
    expect(after.etag).not.toBe(before.etag);
  });

  it('lists and gets only the cameras granted to a restricted caller', async () => {
    const { service, repository } = setup();
    const gate1 = await service.create(create({ name: 'Gate 1' }));
    const gate2 = await service.create(create({ name: 'Gate 2' }));
    const access = cameraAccessForTests({
      ...INSTALLED_ACCESS,
      users: { [VIEWER.id]: { all: false, cameraIds: [gate2.id] } },
    });
    const restricted = new CameraService(
      repository as unknown as CameraRepository,
      new CredentialCipher({ CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64') }),
      cameraEventsForTests().events,
      new CameraPageCache(),
      access,
      cameraAccessCascadesForTests().cascades,
    );
    const everyone = await service.listPage(query(), VIEWER);
    const page = await restricted.listPage(query(), VIEWER);
    expect(JSON.parse(everyone.json).items).toHaveLength(2);
    expect(JSON.parse(page.json).items.map((c: { id: number }) => c.id)).toEqual([gate2.id]);
    await expect(restricted.get(gate1.id, VIEWER)).rejects.toBeInstanceOf(NotFoundException);
    await expect(restricted.get(gate2.id, VIEWER)).resolves.toMatchObject({ id: gate2.id });
  });
});
