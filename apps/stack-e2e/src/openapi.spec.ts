import { edge } from './support/stack';

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
