import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createValidationPipe, ErrorResponseFilter } from '@gt-vision/backend-http';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ALL_CAMERAS, CameraAccess } from '@gt-vision/backend-auth';
import { CameraEvents } from './camera-events';
import { cameraEventsForTests } from './camera-events.fake';
import { CameraPageCache } from './camera-page.cache';
import { CameraController } from './camera.controller';
import { CameraRepository } from './camera.repository';
import { FakeCameraRepository } from './camera.repository.fake';
import { CameraService } from './camera.service';
import { CredentialCipher } from './credential-cipher';
import { cameraAccessCascadesForTests } from '../testing/camera-access.fake';
import { createHttpTestApp, type HttpTestApp } from '../testing/http-test-app';
import { CameraAccessCascades } from '../camera-access/camera-access.cascades';

const camera = { name: 'Gate 1', sourceUrl: 'rtsp://admin:hunter2@10.0.0.5:554/live' };

const cameraProviders = () => [
  CameraService,
  CameraPageCache,
  { provide: CameraRepository, useValue: new FakeCameraRepository() },
  {
    provide: CredentialCipher,
    useValue: new CredentialCipher({
      CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    }),
  },
  { provide: CameraEvents, useValue: cameraEventsForTests().events },
  // The first suite runs without the guard (no principal): every camera, whoever asks.
  {
    provide: CameraAccess,
    useValue: { revision: 1, scopeOf: () => ALL_CAMERAS, assertVisible: () => undefined },
  },
  { provide: CameraAccessCascades, useValue: cameraAccessCascadesForTests().cascades },
];

describe('CameraController over HTTP', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [CameraController],
      providers: cameraProviders(),
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ErrorResponseFilter());
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(() => app.close());

  const fieldsOf = (body: { details: { field: string }[] }) => [
    ...new Set(body.details.map((detail) => detail.field)),
  ];

  it('lists as JSON with an entity tag, and answers 304 while nothing changed', async () => {
    const first = await http.get('/api/cameras?limit=10').expect(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(Array.isArray(first.body.items)).toBe(true);
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^"fake\.\d+\.1"$/);

    await http.get('/api/cameras?limit=10').set('if-none-match', etag).expect(304);
    const created = await http.post('/api/cameras').send({ ...camera, name: 'Etag cam' });
    const changed = await http.get('/api/cameras?limit=10').set('if-none-match', etag).expect(200);
    expect(changed.headers['etag']).not.toBe(etag);
    expect(changed.body.items.map((c: { id: number }) => c.id)).toContain(created.body.id);
    await http.delete(`/api/cameras/${created.body.id}`).expect(204);
  });

  it('creates (201), reads, updates and deletes (204) a camera, never showing its password', async () => {
    const created = await http.post('/api/cameras').send(camera).expect(201);
    expect(created.body).toMatchObject({
      name: 'Gate 1',
      path: `cam_${created.body.id}`,
      sourceUrl: 'rtsp://***:***@10.0.0.5:554/live',
    });
    const id = created.body.id;
    const read = await http.get(`/api/cameras/${id}`).expect(200);
    const patched = await http.patch(`/api/cameras/${id}`).send({ enabled: false }).expect(200);
    expect(patched.body.status.state).toBe('disabled');
    const listed = await http.get('/api/cameras?limit=10').expect(200);
    expect(listed.body).toMatchObject({ items: [{ id }], nextCursor: null });
    for (const res of [created, read, patched, listed]) expect(res.text).not.toContain('hunter2');
    const deleted = await http.delete(`/api/cameras/${id}`).expect(204);
    expect(deleted.text).toBe('');
    await http.get(`/api/cameras/${id}`).expect(404);
  });

  it.each([
    ['a missing name', { sourceUrl: camera.sourceUrl }, ['name']],
    ['a missing sourceUrl', { name: 'x' }, ['sourceUrl']],
    ['an http URL', { ...camera, sourceUrl: 'http://10.0.0.5/live' }, ['sourceUrl']],
    ['an fps out of range', { ...camera, lpr: { fps: 30 } }, ['lpr.fps']],
    ['a latitude out of range', { ...camera, location: { lat: 120, lon: 0 } }, ['location.lat']],
    ['an unknown field', { ...camera, owner: 'me' }, ['owner']],
    ['wrong types', { name: 5, sourceUrl: true, enabled: 'yes' }, ['name', 'sourceUrl', 'enabled']],
    [
      'several bad fields',
      { name: '', sourceUrl: 'ftp://x', tags: ['Bad Tag'], recording: { retentionDays: 0 } },
      ['name', 'sourceUrl', 'tags', 'recording.retentionDays'],
    ],
  ])('answers 400 naming each field for %s', async (_, body, fields) => {
    const res = await http.post('/api/cameras').send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fieldsOf(res.body).sort()).toEqual([...fields].sort());
  });

  it('answers 400 naming the field for a bad PATCH', async () => {
    const { body } = await http
      .post('/api/cameras')
      .send({ ...camera, name: 'P' })
      .expect(201);
    const res = await http.patch(`/api/cameras/${body.id}`).send({ name: null, lpr: { fps: 0 } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual(['lpr.fps', 'name']);
  });

  it.each(['abc', '0', '-1', '1.5', '2147483648', '1e3'])(
    'answers 400 naming `id` for the id %s',
    async (id) => {
      for (const res of [
        await http.get(`/api/cameras/${id}`),
        await http.patch(`/api/cameras/${id}`).send({ name: 'x' }),
        await http.delete(`/api/cameras/${id}`),
      ]) {
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['id']);
      }
    },
  );

  it('answers 404 in the error shape for an unknown id', async () => {
    const res = await http.get('/api/cameras/999').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'camera 999 does not exist',
      details: [],
    });
    await http.patch('/api/cameras/999').send({ name: 'x' }).expect(404);
    await http.delete('/api/cameras/999').expect(404);
  });

  it('answers 409 naming the camera for a duplicate name', async () => {
    await http
      .post('/api/cameras')
      .send({ ...camera, name: 'Dup' })
      .expect(201);
    const res = await http
      .post('/api/cameras')
      .send({ ...camera, name: 'dup' })
      .expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'a camera named "dup" already exists',
      details: [{ field: 'name', problem: expect.any(String) }],
    });
  });

  it.each([
    ['status', 'status=broken'],
    ['limit', 'limit=0'],
    ['limit', 'limit=501'],
    ['sort', 'sort=id'],
    ['enabled', 'enabled=yes'],
    ['tag', 'tag=Not%20a%20tag'],
    ['cursor', 'cursor=not-a-cursor'],
    ['offset', 'offset=10'],
  ])('answers 400 naming `%s` for a bad list query', async (field, queryString) => {
    const res = await http.get(`/api/cameras?${queryString}`).expect(400);
    expect(fieldsOf(res.body)).toEqual([field]);
  });

  it('pages through the list with the cursor it returns', async () => {
    for (const name of ['L1', 'L2', 'L3']) {
      await http
        .post('/api/cameras')
        .send({ ...camera, name, tags: ['paging'] })
        .expect(201);
    }
    const first = await http.get('/api/cameras?tag=paging&limit=2').expect(200);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['L1', 'L2']);
    const second = await http
      .get(`/api/cameras?tag=paging&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ name: 'L3' }], nextCursor: null });
  });
});

describe('CameraController behind the auth guard', () => {
  let app: INestApplication;
  let bearer: HttpTestApp['bearer'];

  beforeAll(async () => {
    ({ app, bearer } = await createHttpTestApp({
      controllers: [CameraController],
      providers: cameraProviders(),
    }));
  });

  afterAll(() => app.close());

  it('answers 401 to anonymous callers on every route', async () => {
    const http = request(app.getHttpServer());
    for (const res of [
      await http.get('/api/cameras'),
      await http.get('/api/cameras/1'),
      await http.post('/api/cameras').send(camera),
      await http.patch('/api/cameras/1').send({ name: 'x' }),
      await http.delete('/api/cameras/1'),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it.each(['operator', 'viewer'] as const)('a %s may read but not write (403)', async (role) => {
    const http = request(app.getHttpServer());
    const auth = await bearer(role);
    await http.get('/api/cameras').set('Authorization', auth).expect(200);
    await http.get('/api/cameras/1').set('Authorization', auth).expect(404);
    await http.post('/api/cameras').set('Authorization', auth).send(camera).expect(403);
    await http.patch('/api/cameras/1').set('Authorization', auth).send({ name: 'x' }).expect(403);
    await http.delete('/api/cameras/1').set('Authorization', auth).expect(403);
  });

  it('lets an admin write', async () => {
    await request(app.getHttpServer())
      .post('/api/cameras')
      .set('Authorization', await bearer('admin'))
      .send(camera)
      .expect(201);
  });
});
