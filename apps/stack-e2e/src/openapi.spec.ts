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
