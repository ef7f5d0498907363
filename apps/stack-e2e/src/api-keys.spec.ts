import type { CreatedApiKeyResponseDto, ErrorResponse } from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { adminToken, edge } from './support/stack';

/**
 * An API key is accepted by every service, not only by camera-registry which owns the keys: the
 * others ask it over NATS. None of them has a route an integrator may call yet, so "accepted" shows
 * as the 404 of an authenticated caller on an unknown path, where a refused key gets 401.
 */
const PROBES = [
  ['ingest (fast API)', '/fast-api/ingest/e2e-probe'],
  ['ingest', '/api/ingest/e2e-probe'],
  ['analytics', '/api/analytics/e2e-probe'],
  ['frame-extraction', '/api/frames/e2e-probe'],
] as const;

let admin: string;
let created: CreatedApiKeyResponseDto;

async function withKey(path: string, key: string) {
  const res = await edge(path, { headers: { 'x-api-key': key } });
  return { status: res.status, body: (await res.json()) as ErrorResponse };
}

async function createKey(): Promise<CreatedApiKeyResponseDto> {
  const res = await edge('/api/auth/api-keys', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `e2e every service ${randomUUID().slice(0, 8)}` }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedApiKeyResponseDto;
}

async function revoke(id: string): Promise<number> {
  const res = await edge(`/api/auth/api-keys/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${admin}` },
  });
  return res.status;
}

beforeAll(async () => {
  admin = await adminToken();
  created = await createKey();
});

// Revoking is idempotent: this also covers a run that failed before the revocation test.
afterAll(async () => {
  if (created) await revoke(created.id);
});

describe('API keys across services', () => {
  it.each(PROBES)('%s accepts a key created through the edge', async (_service, path) => {
    const res = await withKey(path, created.key);
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
  });

  it.each(PROBES)('%s refuses a wrong key with 401', async (_service, path) => {
    const wrong = `gtv_${created.prefix}_${'x'.repeat(43)}`;
    for (const key of [wrong, 'not-a-key']) {
      const res = await withKey(path, key);
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 401,
        message: 'invalid or revoked API key',
      });
    }
  });

  it('stops working in every service within 2 s of its revocation', async () => {
    // Every service has the key cached as valid when it is revoked.
    for (const [, path] of PROBES) expect((await withKey(path, created.key)).status).toBe(404);
    expect(await revoke(created.id)).toBe(204);
    const revokedAt = Date.now();

    const refusedAfter = await Promise.all(
      PROBES.map(async ([service, path]) => {
        for (;;) {
          const res = await withKey(path, created.key);
          if (res.status === 401) return { service, ms: Date.now() - revokedAt };
          expect({ service, status: res.status }).toEqual({ service, status: 404 });
          if (Date.now() - revokedAt > 5000) return { service, ms: Infinity };
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );
    for (const { service, ms } of refusedAfter) {
      expect({ service, within2s: ms < 2000 }).toEqual({ service, within2s: true });
    }
  });
});
