import type { CreatedApiKeyResponseDto, ErrorResponse } from '@gt-vision/shared-types';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import {
  adminToken,
  createUser,
  deleteUser,
  EDGE,
  edge,
  edgeApi,
  eventually,
  secret,
} from './support/stack';
import { clientAddress } from './support/component-endpoints';
import { componentLog } from './support/component-logs';

/**
 * What the edge and registry probe of issue 12 found, kept fixed: malformed bodies, NUL bytes,
 * forged X-Forwarded-For, trickled bodies, credentials in logs.
 */

/** One public (unauthenticated) POST route per service behind the edge, and the service's log. */
const ROUTES = [
  { service: 'camera-registry', path: '/api/auth/login' },
  { service: 'analytics', path: '/api/watchlists' },
  { service: 'frame-extraction', path: '/api/frames' },
  { service: 'ingest', path: '/api/ingest/lpr' },
] as const;

/**
 * A POST through the edge with node:http rather than fetch: a server may answer (413) and close before
 * the whole body is sent, and the answer is what is checked. `declaredLength` sends a Content-Length
 * larger than the bytes written, as a client announcing a huge body does.
 */
function post(
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
  declaredLength?: number,
): Promise<{ status: number; body: ErrorResponse; rid: string }> {
  const rid = `e2e-body-${randomUUID()}`;
  return new Promise((resolve, reject) => {
    const req = request(`${EDGE}${path}`, {
      method: 'POST',
      headers: {
        'x-request-id': rid,
        'content-length': String(declaredLength ?? Buffer.byteLength(body)),
        ...headers,
      },
      timeout: 20_000,
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        req.destroy();
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorResponse, rid });
        } catch {
          reject(new Error(`${path} answered ${res.statusCode} with non-JSON: ${text}`));
        }
      });
    });
    // Writing may fail once the server has answered and closed; only a missing answer is an error.
    req.on('error', () => undefined);
    req.on('timeout', () => reject(new Error(`${path}: no answer in 20 s`)));
    req.on('close', () =>
      setTimeout(() => reject(new Error(`${path}: closed without answer`)), 100),
    );
    req.write(body);
    if (declaredLength === undefined) req.end();
  });
}

function expectOneShape(body: ErrorResponse, status: number): void {
  expect(body).toEqual({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
}

/** No error-level line (a stack trace) for this request in the service's log. */
function expectNoErrorLogged(service: string, rid: string): void {
  const lines = componentLog(service)
    .split('\n')
    .filter((line) => line.includes(rid) && line.includes('"level":"error"'));
  expect(lines).toEqual([]);
}

const json = { 'content-type': 'application/json' };

describe('malformed bodies, on every service, without logging in', () => {
  it.each(ROUTES)('$service: 1 MB → 413 (ingest takes up to 4 MB), 20 MB → 413', async (route) => {
    const big = JSON.stringify({ username: 'x'.repeat(1024 * 1024) });
    const res = await post(route.path, big, json);
    // Ingest accepts batches up to 4 MB: the body is read and the request refused as unauthenticated.
    const expected = route.service === 'ingest' ? 401 : 413;
    expect(res.status).toBe(expected);
    expectOneShape(res.body, expected);
    if (expected === 413)
      expect(res.body.details).toEqual([{ field: 'body', problem: expect.any(String) }]);
    expectNoErrorLogged(route.service, res.rid);

    const huge = await post(route.path, Buffer.alloc(64 * 1024, 0x20), json, 20 * 1024 * 1024);
    expect(huge.status).toBe(413);
    expectOneShape(huge.body, 413);
  });

  // The WAF parses every JSON body it inspects, and refuses one nested deeper than 64 levels before the
  // service sees it. Ingest's bodies are not parsed there (modsecurity.conf, rule 200001): ingest refuses
  // it itself, naming the body (the services' 32-level limit is unit-tested in libs/backend/http).
  it.each(ROUTES)('$service: deeply nested JSON → 400', async (route) => {
    const deep = '{"a":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    const res = await post(route.path, deep, json);
    expect(res.status).toBe(400);
    expectOneShape(res.body, 400);
    expect(res.body.message).toMatch(
      route.service === 'ingest'
        ? /^request body nested deeper than 32 levels/
        : /^request refused by the web application firewall as malformed/,
    );
    expectNoErrorLogged(route.service, res.rid);
  });

  // Every field the WAF parses costs rule evaluation before anyone is authenticated: it parses up to
  // 6 000, the largest legitimate body being a camera group of 5 000 cameras.
  it('more fields than the WAF inspects → 400 there; a camera group of 5 000 cameras passes it', async () => {
    const fields = (n: number) => JSON.stringify({ name: 'g', cameraIds: Array(n).fill(1) });
    const tooMany = await post('/api/watchlists', fields(6_000), json);
    expect(tooMany.status).toBe(400);
    expectOneShape(tooMany.body, 400);
    expect(tooMany.body.message).toMatch(
      /^request refused by the web application firewall as malformed/,
    );
    // Not logged in: past the WAF, the registry answers 401.
    const group = await post('/api/camera-groups', fields(5_000), json);
    expect(group.status).toBe(401);
    expectOneShape(group.body, 401);
  });

  it.each(ROUTES)('$service: charset=latin1 → 415', async (route) => {
    const res = await post(route.path, '{"username":"a"}', {
      'content-type': 'application/json; charset=latin1',
    });
    expect(res.status).toBe(415);
    expectOneShape(res.body, 415);
    expect(res.body.details[0].field).toBe('content-type');
    expectNoErrorLogged(route.service, res.rid);
  });

  // The WAF cannot inspect a compressed body, so it refuses every one (the services' handling of a
  // broken gzip body is unit-tested in libs/backend/http).
  it.each(ROUTES)(
    '$service: a compressed body (here not even the gzip it claims) → 415',
    async (route) => {
      const res = await post(route.path, 'this is not gzip', {
        ...json,
        'content-encoding': 'gzip',
      });
      expect(res.status).toBe(415);
      expectOneShape(res.body, 415);
      expect(res.body.details).toEqual([
        { field: 'content-encoding', problem: 'must be absent or identity' },
      ]);
      expectNoErrorLogged(route.service, res.rid);
    },
  );
});

describe('NUL characters in text fields → 400 naming the field', () => {
  let admin: string;
  let key: CreatedApiKeyResponseDto | undefined;
  let user: { id: string } | undefined;

  beforeAll(async () => {
    admin = await adminToken();
  });

  afterAll(async () => {
    if (key) await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin });
    if (user) await deleteUser(user.id);
  });

  const expectNul = (res: { status: number; body: ErrorResponse }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field, problem: 'must not contain a NUL character' });
  };

  it('login username (anonymous)', async () => {
    const res = await edgeApi('POST', '/api/auth/login', {
      body: { username: 'adm\u0000in', password: 'whatever-password' },
    });
    expectNul(res, 'username');
  });

  it('user displayName, on create and on update', async () => {
    const created = await edgeApi('POST', '/api/users', {
      token: admin,
      body: {
        username: `e2e-nul-${randomUUID().slice(0, 8)}`,
        role: 'viewer',
        password: `pw-${randomUUID()}`,
        displayName: 'Eve\u0000',
      },
    });
    expectNul(created, 'displayName');
    user = await createUser('viewer', 'nul');
    expectNul(
      await edgeApi('PATCH', `/api/users/${user.id}`, {
        token: admin,
        body: { displayName: '\u0000' },
      }),
      'displayName',
    );
  });

  it('API-key name', async () => {
    expectNul(
      await edgeApi('POST', '/api/auth/api-keys', {
        token: admin,
        body: { name: 'key\u0000', role: 'integrator' },
      }),
      'name',
    );
  });

  it('ingest and analytics text fields', async () => {
    const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `E2E NUL ${randomUUID().slice(0, 8)}`, role: 'integrator' },
    });
    expect(created.status).toBe(201);
    key = created.body;
    const detection = {
      cameraId: 1,
      plate: 'ABC1D23',
      confidence: 0.9,
      capturedAt: new Date().toISOString(),
      source: 'gate\u0000',
      vehicle: { make: 'VW\u0000' },
    };
    const ingest = await edgeApi('POST', '/api/ingest/lpr', {
      body: detection,
      headers: { 'x-api-key': key.key },
    });
    expectNul(ingest, 'source');
    expectNul(ingest, 'vehicle.make');
    expectNul(
      await edgeApi('POST', '/api/watchlists', { token: admin, body: { name: 'list\u0000' } }),
      'name',
    );
    // In a URL a NUL is a protocol violation the WAF refuses itself (403), before the service that would
    // answer 400 naming the query parameter.
    const query = await edgeApi('GET', `/api/detections?plate=${encodeURIComponent('AB\u0000')}`, {
      token: admin,
    });
    expect(query.status).toBe(403);
    expect(query.body.message).toMatch(/^request blocked by the web application firewall/);
  });
});

describe('client address', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis({
      host: '127.0.0.1',
      port: 6379,
      password: secret('GTV_REDIS_PASSWORD'),
      lazyConnect: true,
    });
  });

  afterAll(() => redis.quit());

  it('is the one the edge saw: a forged X-Forwarded-For gets no login budget of its own', async () => {
    const forged = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const res = await edgeApi('POST', '/api/auth/login', {
      body: { username: `e2e-xff-${randomUUID().slice(0, 8)}`, password: 'wrong-password' },
      headers: { 'x-forwarded-for': forged, forwarded: `for=${forged}`, 'x-real-ip': forged },
    });
    expect(res.status).toBe(401);
    // The per-address counter the attempt was charged to (login-throttle.ts).
    expect(await redis.exists(`gtv:login:ip:${forged}`)).toBe(0);
    expect(await redis.exists(`gtv:login:ip:${clientAddress()}`)).toBe(1);
  });
});

describe('slow request bodies', () => {
  it('are cut by the edge: a body trickled byte by byte gets 408 within the request timeout', async () => {
    const url = new URL(EDGE);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port || 80), url.hostname);
      let received = '';
      let trickle: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: e2e\r\nContent-Type: application/json\r\n' +
            'Content-Length: 1000\r\n\r\n{',
        );
        trickle = setInterval(() => socket.write(' '), 500);
      });
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => {
        clearInterval(trickle);
        resolve(received);
      });
      socket.on('error', reject);
      // Bound: far beyond the edge's 10 s, so a failure here means the body was never timed out.
      setTimeout(() => {
        clearInterval(trickle);
        socket.destroy();
        reject(new Error(`still open after 30 s; received: ${received}`));
      }, 30_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"statusCode":408');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 40_000);
});

describe('credentials in logs', () => {
  it('are redacted from every edge and service log line (?token=, api_key)', async () => {
    const token = await adminToken();
    const apiKey = `gtv_e2e_${randomUUID().replace(/-/g, '')}`;
    const marker = randomUUID();
    await edge(`/hls/cam_1/index.m3u8?token=${token}&e2e=${marker}`);
    await edge(`/api/cameras?api_key=${apiKey}&e2e=${marker}`);
    await eventually(async () => {
      expect(componentLog('haproxy')).toContain(`token=[redacted]&e2e=${marker}`);
      expect(componentLog('haproxy')).toContain(`api_key=[redacted]&e2e=${marker}`);
    }, 10_000);
    for (const component of ['haproxy', 'mediamtx', 'nginx', 'camera-registry']) {
      let log = '';
      try {
        log = componentLog(component);
      } catch {
        continue; // no log file for this component in this layout
      }
      expect(log).not.toContain(token);
      expect(log).not.toContain(apiKey);
    }
  });
});
