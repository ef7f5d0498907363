import { randomUUID } from 'node:crypto';
import { edge, eventually, SERVICES } from './support/stack';
import { componentLog } from './support/component-logs';

describe('the edge routes API traffic to the owning service', () => {
  it.each(SERVICES)('%s is ready, checked through the edge', async (service) => {
    const res = await edge(`/health/${service}/ready`);
    const body = await res.json();
    expect({ status: res.status, body: body.status }).toEqual({ status: 200, body: 'ok' });
  });

  it.each([
    ['/api/cameras/e2e-probe', 'camera-registry'],
    ['/api/auth/e2e-probe', 'camera-registry'],
    ['/api/users/e2e-probe', 'camera-registry'],
    ['/api/ingest/e2e-probe', 'ingest'],
    ['/fast-api/ingest/e2e-probe', 'ingest'],
    ['/api/detections/e2e-probe', 'analytics'],
    ['/api/alerts/e2e-probe', 'analytics'],
    ['/api/frames/e2e-probe', 'frame-extraction'],
  ])('%s reaches %s, which logs the request id', async (path, service) => {
    const requestId = `e2e-${randomUUID()}`;
    const res = await edge(path, { headers: { 'X-Request-Id': requestId } });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    // Answered by a NestJS service in the one error shape, not by HAProxy or nginx: anonymous
    // callers get 401 whether or not a route serves the path.
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token or API key',
      details: [],
    });
    // The log of the owning service, and only that one, saw the request.
    await eventually(async () => expect(componentLog(service)).toContain(requestId), 5000);
    for (const other of SERVICES.filter((s) => s !== service)) {
      expect(componentLog(other)).not.toContain(requestId);
    }
  });

  it('answers an /api path no service owns with a JSON 404 from the edge', async () => {
    const res = await edge('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      statusCode: 404,
      message: 'no service owns this path',
    });
  });
});

describe('the edge sends everything else to nginx', () => {
  it.each(['/', '/live-wall', '/some/unknown/path'])(
    '%s is the console from nginx',
    async (path) => {
      const res = await edge(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('server')).toMatch(/nginx/);
      expect(await res.text()).toContain('<gtv-root');
    },
  );
});
