import { INestApplication } from '@nestjs/common';
import { CameraAccess, RevocationStore } from '@gt-vision/backend-auth';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CameraRepository } from '../cameras/camera.repository';
import { INSTALLED_ACCESS } from '../testing/camera-access.fake';
import { createHttpTestApp, type HttpTestApp, TEST_INTERNAL_TOKEN } from '../testing/http-test-app';
import { EnabledCamerasCache } from './enabled-cameras.cache';
import { InternalNetworks } from './internal-networks';
import { InternalNetworksConfig } from './internal-networks.config';
import { MediaMtxAuthController } from './mediamtx-auth.controller';
import { MediaMtxAuthService } from './mediamtx-auth.service';
import { VideoSessionAudit } from './video-session.audit';
import { VideoSessionStore } from './video-session.store';

/** A MediaMTX v1.20 request body, as posted to authHTTPAddress. */
const body = (overrides: Record<string, unknown> = {}) => ({
  ip: '127.0.0.1',
  user: '',
  password: '',
  token: '',
  action: 'read',
  path: 'cam_1',
  protocol: 'hls',
  id: randomUUID(),
  query: '',
  userAgent: 'curl/8',
  ...overrides,
});

describe('POST /internal/mediamtx/auth', () => {
  let app: INestApplication;
  let bearer: HttpTestApp['bearer'];
  let http: ReturnType<typeof request>;
  const remember = jest.fn(async () => undefined);
  const opened = jest.fn(async () => undefined);
  const listEnabledStatuses = jest.fn(async () => [
    { id: 1, status: 'online' as const },
    { id: 2, status: 'offline' as const },
  ]);

  beforeAll(async () => {
    ({ app, bearer } = await createHttpTestApp({
      controllers: [MediaMtxAuthController],
      providers: [
        MediaMtxAuthService,
        EnabledCamerasCache,
        InternalNetworks,
        // As in deploy/compose: the compose network besides loopback.
        {
          provide: InternalNetworksConfig,
          useValue: { INTERNAL_TRUSTED_NETWORKS: ['10.89.240.0/24'] },
        },
        { provide: CameraRepository, useValue: { listEnabledStatuses } },
        { provide: VideoSessionStore, useValue: { remember } },
        { provide: VideoSessionAudit, useValue: { opened } },
      ],
    }));
    http = request(app.getHttpServer());
  });

  afterAll(() => app.close());

  const jwt = async (role: 'admin' | 'operator' | 'viewer', userId?: string) =>
    (await bearer(role, userId)).slice('Bearer '.length);
  const ask = (overrides: Record<string, unknown>) =>
    http.post('/internal/mediamtx/auth').send(body(overrides));

  it('needs no Authorization header of its own: MediaMTX forwards the viewer credentials in the body', async () => {
    await ask({ token: await jwt('viewer') }).expect(200);
  });

  it('has each user viewing session audited, not the service identity reading a feed', async () => {
    opened.mockClear();
    await ask({ token: await jwt('viewer', 'user-42') }).expect(200);
    expect(opened).toHaveBeenCalledWith(
      { id: 'user-42', username: 'viewer-user' },
      1,
      expect.objectContaining({ path: 'cam_1', protocol: 'hls' }),
    );
    opened.mockClear();
    await ask({ token: TEST_INTERNAL_TOKEN }).expect(200);
    expect(opened).not.toHaveBeenCalled();
  });

  it('accepts an access token from the Bearer header, ?token= or the RTSP password', async () => {
    await ask({ token: await jwt('operator') }).expect(200);
    await ask({ query: `token=${await jwt('viewer')}` }).expect(200);
    await ask({ protocol: 'rtsp', user: 'jwt', password: await jwt('viewer') }).expect(200);
  });

  it('answers 401 in the common error shape without a token, with a bad one, or for an unknown camera', async () => {
    const res = await ask({}).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, message: 'missing token' });
    await ask({ query: 'token=not-a-jwt' }).expect(401);
    await ask({ token: await jwt('admin'), path: 'cam_7' }).expect(401);
  });

  it('refuses a revoked (logged-out) token', async () => {
    const userId = randomUUID();
    const token = await jwt('viewer', userId);
    await ask({ token }).expect(200);
    const soon = new Date(Date.now() + 2_000);
    await app.get(RevocationStore).revokeUserTokensIssuedBefore(userId, soon, soon);
    await ask({ token }).expect(401);
  });

  it('grants the control API and metrics to the internal service token, sent either way', async () => {
    await ask({ action: 'api', path: '', protocol: '', token: TEST_INTERNAL_TOKEN }).expect(200);
    await ask({
      action: 'metrics',
      path: '',
      protocol: '',
      user: 'gtv',
      password: TEST_INTERNAL_TOKEN,
    }).expect(200);
    await ask({ action: 'api', path: '', protocol: '', token: await jwt('operator') }).expect(401);
  });

  it('keeps the control API (which returns camera source passwords) from admins', async () => {
    await ask({ action: 'api', path: '', protocol: '', token: await jwt('admin') }).expect(401);
  });

  it('remembers the credential of each camera session it allows, for the revocation sweeper', async () => {
    const id = randomUUID();
    const token = await jwt('viewer');
    await ask({ token, id }).expect(200);
    expect(remember).toHaveBeenCalledWith(id, token);
  });

  it('lets nobody publish, and serves no demo feed: cameras are pulled from their sources', async () => {
    const publish = { action: 'publish', path: 'sim_1', protocol: 'rtsp', user: 'gtv' };
    await ask({ ...publish, password: TEST_INTERNAL_TOKEN }).expect(401);
    await ask({ ...publish, path: 'cam_1', token: await jwt('admin') }).expect(401);
    await ask({
      path: 'sim_1',
      protocol: 'rtsp',
      user: 'gtv',
      password: TEST_INTERNAL_TOKEN,
    }).expect(401);
  });

  it('refuses calls that came through a proxy, whatever address they name, and malformed bodies', async () => {
    const token = await jwt('admin');
    for (const [header, value] of [
      ['x-forwarded-for', '127.0.0.1'],
      ['x-forwarded-for', '10.89.240.5'],
      ['forwarded', 'for=127.0.0.1'],
      ['x-real-ip', '127.0.0.1'],
    ]) {
      await http
        .post('/internal/mediamtx/auth')
        .set(header, value)
        .send(body({ token }))
        .expect(403);
    }
    await ask({ action: 'delete' }).expect(400);
  });

  it('refuses a caller whose socket peer is not internal, in the common error shape', async () => {
    const contains = jest.spyOn(app.get(InternalNetworks), 'contains').mockReturnValueOnce(false);
    try {
      const res = await ask({ token: await jwt('admin') }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      // The socket's own peer (supertest on loopback), not an address from the request.
      expect(contains).toHaveBeenCalledWith(
        expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/),
      );
    } finally {
      contains.mockRestore();
    }
  });

  it('refuses live and playback of a camera not granted to the user, as if it did not exist', async () => {
    const userId = randomUUID();
    app.get(CameraAccess).apply({
      ...INSTALLED_ACCESS,
      revision: 2,
      users: { [userId]: { all: false, cameraIds: [1] } },
    });
    const token = (await bearer('viewer', userId)).slice('Bearer '.length);
    const auth = (overrides: Record<string, unknown>) =>
      http.post('/internal/mediamtx/auth').send(body({ token, ...overrides }));
    await auth({ path: 'cam_1' }).expect(200);
    const refused = await auth({ path: 'cam_2' }).expect(401);
    expect(refused.body.message).toContain('not granted');
    await auth({ path: 'cam_2', protocol: 'webrtc' }).expect(401);
    await auth({ path: 'cam_2', action: 'playback', protocol: '', id: null }).expect(401);
    // An admin still watches every camera.
    const admin = (await bearer('admin')).slice('Bearer '.length);
    await http
      .post('/internal/mediamtx/auth')
      .send(body({ token: admin, path: 'cam_2' }))
      .expect(200);
  });
});
