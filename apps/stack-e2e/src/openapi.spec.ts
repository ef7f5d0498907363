import type { CameraResponseDto, Page } from '@gt-vision/shared-types';
import {
  responseSchema,
  schemaProblems,
  type OpenApiDocument,
  type OpenApiSchema,
} from './support/openapi-schema';
import { adminToken, createUser, deleteUser, edge, login } from './support/stack';

/** Each service's own OpenAPI document, reached through the edge without credentials. */
describe('OpenAPI documents through the edge', () => {
  it('serves the camera-registry document as JSON', async () => {
    const res = await edge('/api/docs/camera-registry.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const document = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths).toHaveProperty(['/api/cameras']);
    expect(document.paths).toHaveProperty(['/api/auth/login']);
  });

  it('serves the Swagger UI with its assets under the service prefix', async () => {
    const redirect = await edge('/api/docs/camera-registry', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/api/docs/camera-registry/');

    const page = await edge('/api/docs/camera-registry/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
      expect((await edge(`/api/docs/camera-registry/${asset}`)).status).toBe(200);
    }
  });
});

/** The built service's document (webpack's swagger plugin, not the unit tests' ts-jest one) against its real answers. */
describe('camera-registry answers match its served document', () => {
  let document: OpenApiDocument;
  // The login answer is checked on a throwaway viewer's login; the calls use the run's admin token.
  let session: Awaited<ReturnType<typeof login>>;
  let token: string;
  let viewer: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    document = (await (await edge('/api/docs/camera-registry.json')).json()) as OpenApiDocument;
    token = await adminToken();
    viewer = await createUser('viewer', 'openapi');
    session = await login(viewer.username, viewer.password);
  });

  afterAll(() => deleteUser(viewer.id));

  async function call<T>(method: string, path: string, body?: unknown) {
    const res = await edge(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const problems = (method: string, path: string, status: number, body: unknown) =>
    schemaProblems(document, responseSchema(document, method, path, status), body);

  it('gives every operation a schema for its 2xx answer (or a 204), and states its security', () => {
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!Array.isArray(operation.security)) gaps.push(`${name}: no security`);
        const success = Object.keys(operation.responses).filter((status) => /^2/.test(status));
        if (success.length === 0) gaps.push(`${name}: no 2xx`);
        for (const status of success.filter((s) => s !== '204')) {
          const schema = operation.responses[status].content?.['application/json']?.schema;
          if (!schema?.$ref && !schema?.items) gaps.push(`${name}: ${status} has no schema`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('lists and reads cameras as documented', async () => {
    const list = await call<Page<CameraResponseDto>>('GET', '/api/cameras?limit=5');
    expect(list.status).toBe(200);
    // The demo cameras are registered at `up`.
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(problems('GET', '/api/cameras', 200, list.body)).toEqual([]);

    const camera = await call('GET', `/api/cameras/${list.body.items[0].id}`);
    expect(camera.status).toBe(200);
    expect(problems('GET', '/api/cameras/{id}', 200, camera.body)).toEqual([]);
  });

  it('answers login and the user list as documented', async () => {
    expect(session.status).toBe(200);
    expect(problems('POST', '/api/auth/login', 200, session.body)).toEqual([]);

    const users = await call('GET', '/api/users');
    expect(users.status).toBe(200);
    expect(problems('GET', '/api/users', 200, users.body)).toEqual([]);
  });

  it('answers errors in the documented error shape', async () => {
    const missing = await call('GET', '/api/cameras/2147483647');
    expect(missing.status).toBe(404);
    expect(problems('GET', '/api/cameras/{id}', 404, missing.body)).toEqual([]);

    const invalid = await call('POST', '/api/cameras', { name: '', sourceUrl: 'http://x' });
    expect(invalid.status).toBe(400);
    expect(problems('POST', '/api/cameras', 400, invalid.body)).toEqual([]);
  });

  it('has a checker that notices drift', async () => {
    const { body } = await call<Page<CameraResponseDto>>('GET', '/api/cameras?limit=1');
    const camera = { ...body.items[0], status: { state: 'sleeping' }, extra: 1 } as unknown;
    const schema: OpenApiSchema = responseSchema(document, 'GET', '/api/cameras/{id}', 200);
    expect(schemaProblems(document, schema, camera)).toEqual([
      '$.status.since: required but missing',
      '$.status.state: "sleeping" is not one of ["online","offline","connecting","disabled"]',
      '$.extra: not in the document',
    ]);
  });
});

/** analytics' served document is complete, and its answers (detections, watchlists, alerts, dashboard, live) match it. */
describe('analytics answers match its served document', () => {
  let document: OpenApiDocument;
  let token: string;

  beforeAll(async () => {
    const res = await edge('/api/docs/analytics.json');
    expect(res.status).toBe(200);
    document = (await res.json()) as OpenApiDocument;
    token = await adminToken();
  });

  async function call(method: string, path: string, body?: unknown) {
    const res = await edge(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: res.status === 204 ? null : ((await res.json()) as unknown),
    };
  }

  const problems = (method: string, path: string, status: number, body: unknown) =>
    schemaProblems(document, responseSchema(document, method, path, status), body);

  it('gives every operation a schema for its 2xx answer (or a 204 or an image), and states its security', () => {
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!Array.isArray(operation.security)) gaps.push(`${name}: no security`);
        const success = Object.keys(operation.responses).filter((status) => /^2/.test(status));
        if (success.length === 0) gaps.push(`${name}: no 2xx`);
        for (const status of success.filter((s) => s !== '204')) {
          const content = operation.responses[status].content;
          if (content?.['image/jpeg']) continue;
          const schema = content?.['application/json']?.schema;
          if (!schema?.$ref && !schema?.items) gaps.push(`${name}: ${status} has no schema`);
        }
      }
    }
    expect(gaps).toEqual([]);
    for (const path of [
      '/api/detections',
      '/api/analytics/dashboard',
      '/api/watchlists',
      '/api/watchlists/{id}/entries',
      '/api/alerts',
      '/api/alerts/{id}/acknowledge',
      '/api/analytics/live-token',
    ]) {
      expect(document.paths).toHaveProperty([path]);
    }
  });

  it('answers watchlists, entries, alerts, the dashboard, detections and live tokens as documented', async () => {
    const list = await call('POST', '/api/watchlists', { name: `openapi ${Date.now()}` });
    expect(list.status).toBe(201);
    expect(problems('POST', '/api/watchlists', 201, list.body)).toEqual([]);
    const id = (list.body as { id: string }).id;
    try {
      const entry = await call('POST', `/api/watchlists/${id}/entries`, {
        plate: 'QQQ9Z99',
        reason: 'openapi',
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect(entry.status).toBe(201);
      expect(problems('POST', '/api/watchlists/{id}/entries', 201, entry.body)).toEqual([]);
      const entries = await call('GET', `/api/watchlists/${id}/entries`);
      expect(problems('GET', '/api/watchlists/{id}/entries', 200, entries.body)).toEqual([]);
      const lists = await call('GET', '/api/watchlists');
      expect(problems('GET', '/api/watchlists', 200, lists.body)).toEqual([]);
      const patched = await call('PATCH', `/api/watchlists/${id}`, { description: 'checked' });
      expect(patched.status).toBe(200);
      expect(problems('PATCH', '/api/watchlists/{id}', 200, patched.body)).toEqual([]);
    } finally {
      expect((await call('DELETE', `/api/watchlists/${id}`)).status).toBe(204);
    }

    const missing = await call('GET', '/api/watchlists/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(problems('GET', '/api/watchlists/{id}', 404, missing.body)).toEqual([]);

    const alerts = await call('GET', '/api/alerts?limit=5');
    expect(alerts.status).toBe(200);
    expect(problems('GET', '/api/alerts', 200, alerts.body)).toEqual([]);
    const noAlert = await call('GET', '/api/alerts/00000000-0000-4000-8000-000000000000');
    expect(noAlert.status).toBe(404);
    expect(problems('GET', '/api/alerts/{id}', 404, noAlert.body)).toEqual([]);

    const dashboard = await call('GET', '/api/analytics/dashboard');
    expect(dashboard.status).toBe(200);
    expect(problems('GET', '/api/analytics/dashboard', 200, dashboard.body)).toEqual([]);
    expect((dashboard.body as { alerts: unknown }).alerts).not.toBeNull();

    const detections = await call('GET', '/api/detections?limit=5');
    expect(detections.status).toBe(200);
    expect(problems('GET', '/api/detections', 200, detections.body)).toEqual([]);

    const live = await call('POST', '/api/analytics/live-token');
    expect(live.status).toBe(201);
    expect(problems('POST', '/api/analytics/live-token', 201, live.body)).toEqual([]);
  });
});
