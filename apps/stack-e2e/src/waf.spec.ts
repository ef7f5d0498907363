import type {
  CameraResponseDto,
  CreatedApiKeyResponseDto,
  ErrorResponse,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { adminToken, EDGE, edge, edgeApi, eventually, loginAdmin, SERVICES } from './support/stack';
import { componentLog, everyComponentLog } from './support/component-logs';
import { ensureStarted, stopComponent } from './support/component-control';

/**
 * The WAF hop (nginx + ModSecurity v3 + OWASP CRS at paranoia level 1, deploy/single-node/waf/) between
 * the edge and the services: attacks are refused with 403 in the one error shape and logged with the
 * request id, before any service sees them; the product's own calls pass.
 */

const rid = () => `e2e-waf-${randomUUID()}`;

const blocked = (requestId: string): ErrorResponse => ({
  statusCode: 403,
  error: 'Forbidden',
  message: `request blocked by the web application firewall (request id ${requestId})`,
  details: [],
});

/**
 * A raw HTTP/1.1 exchange with the edge, for what fetch() will not send: a GET with a body, a path fetch()
 * would normalise, a Content-Length larger than what is sent (the edge answers from the header alone).
 */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const url = new URL(EDGE);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port || 80, method, path, headers, timeout: 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
          req.destroy();
        });
      },
    );
    // Writing may fail once the server has answered a body it refuses and closed; only a missing answer
    // is an error.
    req.on('error', (error) => setTimeout(() => reject(error), 100));
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    const declared = Number(headers['content-length'] ?? NaN);
    if (body !== undefined && declared > Buffer.byteLength(body)) req.write(body);
    else req.end(body);
  });
}

/** The WAF's log shows the refusal with the request id, and no service ever saw the request. */
async function expectLoggedAndStopped(requestId: string): Promise<void> {
  await eventually(async () => {
    const line = componentLog('waf')
      .split('\n')
      .find((l) => l.includes(`[unique_id "${requestId}"]`) && l.includes('Access denied'));
    expect(line).toBeDefined();
  }, 5000);
  for (const service of SERVICES) expect(componentLog(service)).not.toContain(requestId);
}

let admin: string;
let camera: CameraResponseDto;

beforeAll(async () => {
  admin = await adminToken();
  const res = await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
    token: admin,
    body: {
      name: `e2e waf ${randomUUID().slice(0, 8)}`,
      sourceUrl: 'rtsp://127.0.0.1:8554/e2e_waf',
      enabled: false,
      lpr: { enabled: true, fps: 1 },
    },
  });
  expect(res.status).toBe(201);
  camera = res.body;
});

afterAll(async () => {
  ensureStarted('waf');
  // Whatever failed below, the API passes the WAF again before the next file runs.
  await eventually(async () => {
    const res = await edge('/api/cameras', { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
  }, 60_000);
  if (camera) await edgeApi('DELETE', `/api/cameras/${camera.id}`, { token: admin });
}, 90_000);

describe('the WAF refuses attacks on the API with 403 in the error shape', () => {
  const search = (query: string) => `/api/detections?cameraId=1&${query}`;
  const json = { 'content-type': 'application/json' };

  it.each<[string, string, RequestInit]>([
    ['SQL injection in a query', search(`plate=${encodeURIComponent("1' OR '1'='1' --")}`), {}],
    [
      'SQL injection in a JSON field',
      '/api/cameras',
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          name: "x' UNION SELECT username, password_hash FROM users --",
          sourceUrl: 'rtsp://127.0.0.1:8554/x',
        }),
      },
    ],
    [
      'XSS in a query',
      search(`plate=${encodeURIComponent('<script>alert(document.cookie)</script>')}`),
      {},
    ],
    [
      'XSS in a JSON field',
      '/api/cameras',
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: '<img src=x onerror=alert(1)>', sourceUrl: 'rtsp://h/x' }),
      },
    ],
    [
      'path traversal in a query',
      `/api/cameras?tag=${encodeURIComponent('../../../../etc/passwd')}`,
      {},
    ],
    ['a NUL byte in a query (protocol violation)', search('plate=abc%00def'), {}],
    [
      'a scanner user agent',
      '/api/cameras',
      { headers: { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' } },
    ],
    ['another scanner user agent', '/api/cameras', { headers: { 'user-agent': 'Nikto/2.5.0' } }],
    // Ingest bodies are not parsed into fields (modsecurity.conf, rule 200001); the raw body is still
    // read by the rules that take REQUEST_BODY.
    [
      'a Java payload in a detection body',
      '/api/ingest/lpr',
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ cameraId: 1, plate: 'ABC1234', source: 'java.lang.Runtime' }),
      },
    ],
  ])('%s', async (_, path, init) => {
    const requestId = rid();
    const res = await edge(path, {
      ...init,
      headers: {
        authorization: `Bearer ${admin}`,
        'x-request-id': requestId,
        ...(init.headers as Record<string, string>),
      },
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 403,
      body: blocked(requestId),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    await expectLoggedAndStopped(requestId);
  });

  it.each<[string, string, string | undefined]>([
    // fetch() would resolve the dot segments before sending. (A path climbing above the root, one more
    // "%2e%2e/", is refused earlier still: nginx answers 400 in the error shape before the rules run.)
    ['path traversal in the path', '/api/cameras/%2e%2e/%2e%2e/etc/passwd', undefined],
    ['a GET carrying a body (protocol violation)', '/api/cameras', '{"name":"x"}'],
  ])('%s', async (_, path, body) => {
    const requestId = rid();
    const res = await raw(
      'GET',
      path,
      {
        authorization: `Bearer ${admin}`,
        'x-request-id': requestId,
        ...(body === undefined ? {} : { ...json, 'content-length': String(body.length) }),
      },
      body,
    );
    expect({ status: res.status, body: JSON.parse(res.text) }).toEqual({
      status: 403,
      body: blocked(requestId),
    });
    expect(res.headers['x-request-id']).toBe(requestId);
    await expectLoggedAndStopped(requestId);
  });
});

// nginx appends the request line, query included, to every line a rule match writes, and a query may carry a
// credential: the live socket's one-time ticket (/ws/live/?token=), an API key. The WAF's log is written
// through redact-log.sed and the rule set does not quote credential arguments (crs-exclusions.conf 10007).
describe('credentials in a refused request never reach a log', () => {
  const xss = encodeURIComponent('<script>alert(document.cookie)</script>');

  it.each([
    ['the live socket', '/ws/live/?token=%s&camera=' + xss],
    ['an API path', '/api/detections?cameraId=1&plate=' + xss + '&token=%s'],
    ['an API key in a query', '/api/cameras?api_key=%s&tag=' + xss],
    // The credential itself looks like an attack: the rule set does not read it, another field trips a rule.
    [
      'a credential that looks like SQL',
      `/ws/live/?token=%s${encodeURIComponent("' OR '1'='1")}&q=${xss}`,
    ],
  ])('%s', async (_, template) => {
    const marker = `e2eSecret${randomUUID().replaceAll('-', '')}`;
    const requestId = rid();
    const res = await edge(template.replace('%s', marker), {
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(403);
    // The match is still logged, with its rule and the request id, and the line shows where the value was.
    await expectLoggedAndStopped(requestId);
    const lines = componentLog('waf')
      .split('\n')
      .filter((l) => l.includes(`[unique_id "${requestId}"]`));
    expect(lines.some((l) => l.includes('[id "941'))).toBe(true);
    expect(lines.every((l) => /(token|api_key)=\[redacted\]/.test(l))).toBe(true);
    for (const { source, text } of everyComponentLog()) {
      expect({ source, leaked: text.includes(marker) }).toEqual({ source, leaked: false });
    }
  });
});

// Too large is not an attack on its own: 413 says what is wrong and lets a batching client split its
// batch, where a 403 would say "forbidden". The edge refuses a declared size; the WAF a chunked body
// whose size shows only as it arrives.
describe('oversized bodies are refused with 413 in the error shape', () => {
  const tooLarge = {
    statusCode: 413,
    error: 'Payload Too Large',
    message: 'request body larger than 4194304 bytes',
    details: [{ field: 'body', problem: 'larger than the limit of 4194304 bytes' }],
  };
  const body = JSON.stringify({ items: [{ plate: 'x'.repeat(5 * 1024 * 1024) }] });

  it.each([
    // Declared, then only a start sent: the edge answers from the header once its buffer (16 kB) is
    // full; with less it would wait for the rest and answer 408.
    [
      'with a Content-Length, by the edge',
      'fe_edge fe_edge/<NOSRV>',
      { 'content-length': '5242880' },
      '{"items":[' + ' '.repeat(64 * 1024),
    ],
    ['chunked, by the WAF', 'fe_edge be_waf/waf1', { 'transfer-encoding': 'chunked' }, body],
  ])('%s', async (_, logged, framing, sent) => {
    const requestId = rid();
    const res = await raw(
      'POST',
      '/api/ingest/lpr/batch',
      { 'content-type': 'application/json', 'x-request-id': requestId, ...framing },
      sent,
    );
    expect({ status: res.status, body: JSON.parse(res.text) }).toEqual({
      status: 413,
      body: tooLarge,
    });
    expect(res.headers['x-request-id']).toBe(requestId);
    // HAProxy's line names who answered (fe_edge/<NOSRV>: the edge itself, be_waf/waf1: the WAF) and
    // carries the request id; nginx logs a body it stops reading without the request's headers.
    await eventually(async () => {
      const line = componentLog('haproxy')
        .split('\n')
        .find((l) => l.includes(`rid=${requestId}`));
      expect(line).toContain(`${logged} `);
      expect(line).toMatch(/ 413 /);
    }, 5000);
    for (const service of SERVICES) expect(componentLog(service)).not.toContain(requestId);
  });
});

describe("the WAF lets the product's own calls through", () => {
  /** The WAF's access log has the request with the status the service gave. */
  async function passedWaf(requestId: string, status: number): Promise<void> {
    await eventually(async () => {
      expect(componentLog('waf')).toMatch(
        new RegExp(`"request_id":"${requestId}".*"status":${status},`),
      );
    }, 5000);
  }

  it('login', async () => {
    // loginAdmin() logs in through the edge; its own request id is not known, so log in once more.
    expect(await loginAdmin()).toEqual(expect.any(String));
    const requestId = rid();
    const res = await edgeApi('POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: "pw' OR 1=1 -- <script>" },
      headers: { 'x-request-id': requestId },
    });
    // A password may hold any characters: it reaches the registry, which refuses the unknown user.
    expect(res.status).toBe(401);
    await passedWaf(requestId, 401);
  });

  it('login with a form body: the password is not inspected either, nor logged', async () => {
    const requestId = rid();
    const password = `pw' OR 1=1 -- <script>${randomUUID()}`;
    const res = await edge('/api/auth/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-request-id': requestId,
      },
      body: new URLSearchParams({ username: 'nobody-here', password }).toString(),
    });
    expect(res.status).toBe(401);
    await passedWaf(requestId, 401);
    for (const { source, text } of everyComponentLog()) {
      expect({ source, leaked: text.includes(password.slice(-36)) }).toEqual({
        source,
        leaked: false,
      });
    }
  });

  it('camera create with ordinary fields, update and delete', async () => {
    const requestId = rid();
    const created = await edgeApi<CameraResponseDto>('POST', '/api/cameras', {
      token: admin,
      headers: { 'x-request-id': requestId },
      body: {
        name: `Gate 3 - north entrance (O'Brien St.) ${randomUUID().slice(0, 8)}`,
        sourceUrl: 'rtsp://operator:s3cret%21@127.0.0.1:8554/e2e_waf_gate',
        enabled: false,
        location: { lat: -23.5505, lon: -46.6333 },
        tags: ['entrance', 'north-side'],
        lpr: { enabled: true, fps: 2 },
      },
    });
    expect(created.status).toBe(201);
    await passedWaf(requestId, 201);
    const patched = await edgeApi('PATCH', `/api/cameras/${created.body.id}`, {
      token: admin,
      body: { name: `Gate 3 & 4, "south" ${randomUUID().slice(0, 8)}` },
    });
    expect(patched.status).toBe(200);
    expect(
      (await edgeApi('DELETE', `/api/cameras/${created.body.id}`, { token: admin })).status,
    ).toBe(204);
  });

  it('plate search', async () => {
    const requestId = rid();
    const params = new URLSearchParams({
      cameraId: String(camera.id),
      plate: 'ABC1D23',
      match: 'exact',
      limit: '20',
    });
    const res = await edgeApi('GET', `/api/detections?${params}`, {
      token: admin,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    await passedWaf(requestId, 200);
  });

  it('detection ingest with an API key', async () => {
    const key = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `E2E WAF ${randomUUID().slice(0, 8)}`, role: 'integrator' },
    });
    expect(key.status).toBe(201);
    try {
      const requestId = rid();
      const res = await edgeApi('POST', '/api/ingest/lpr', {
        headers: { 'x-api-key': key.body.key, 'x-request-id': requestId },
        body: {
          cameraId: camera.id,
          plate: 'ABC1D23',
          confidence: 0.91,
          capturedAt: new Date().toISOString(),
          bbox: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 },
          source: 'e2e.waf',
        },
      });
      expect(res.status).toBe(202);
      await passedWaf(requestId, 202);
    } finally {
      await edgeApi('DELETE', `/api/auth/api-keys/${key.body.id}`, { token: admin });
    }
  });
});

describe('the WAF is a stack component', () => {
  it('while it is down the API answers a clear 503 at once, and health paths still answer', async () => {
    stopComponent('waf');
    try {
      const started = Date.now();
      const res = await edge('/api/cameras', { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message:
          'the web application firewall in front of the API is not available; API requests are refused until it is back',
        details: [],
      });
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await edge('/health/camera-registry/ready')).status).toBe(200);
    } finally {
      ensureStarted('waf');
    }
    await eventually(async () => {
      expect(
        (await edge('/api/cameras', { headers: { authorization: `Bearer ${admin}` } })).status,
      ).toBe(200);
    }, 30_000);
  });
});
