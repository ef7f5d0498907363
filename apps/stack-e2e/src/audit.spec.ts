import type {
  AuditRecordDto,
  AuditVerificationDto,
  CreatedApiKeyResponseDto,
  Page,
} from '@gt-vision/shared-types';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { clientAddress } from './support/component-endpoints';
import {
  adminToken,
  createUser,
  deleteUser,
  edge,
  edgeApi,
  eventually,
  login,
} from './support/stack';

const ROOT = join(__dirname, '../../..');

async function audit(query: Record<string, string>): Promise<Page<AuditRecordDto>> {
  const res = await edgeApi<Page<AuditRecordDto>>(
    'GET',
    `/api/audit?${new URLSearchParams(query)}`,
    { token: await adminToken() },
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('the audit trail', () => {
  let viewer: { id: string; username: string; password: string };
  let viewerToken: string;
  let key: CreatedApiKeyResponseDto;
  const reason = `e2e case ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    viewer = await createUser('viewer', 'audit');
    // One failed login, then a successful one.
    expect((await login(viewer.username, 'not-the-password')).status).toBe(401);
    const session = await login(viewer.username, viewer.password);
    expect(session.status).toBe(200);
    viewerToken = session.body['accessToken'] as string;
    const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: await adminToken(),
      body: { name: `e2e audit ${randomUUID().slice(0, 8)}` },
    });
    expect(created.status).toBe(201);
    key = created.body;
    expect(
      (await edgeApi('DELETE', `/api/auth/api-keys/${key.id}`, { token: await adminToken() }))
        .status,
    ).toBe(204);
  });

  afterAll(async () => {
    if (viewer) await deleteUser(viewer.id);
  });

  it('is for admins only: 401 anonymous, 403 for other roles and API keys', async () => {
    expect((await edgeApi('GET', '/api/audit')).status).toBe(401);
    expect((await edgeApi('GET', '/api/audit', { token: viewerToken })).status).toBe(403);
    expect((await edgeApi('GET', '/api/audit/verify', { token: viewerToken })).status).toBe(403);
  });

  it('records logins, failed ones with the username tried, and API keys created and revoked', async () => {
    const failed = await audit({ action: 'auth.login-failed', limit: '50' });
    const attempt = failed.items.find((r) => r.actor.name === viewer.username);
    expect(attempt).toMatchObject({
      actor: { kind: 'anonymous', id: null },
      details: { why: 'invalid username or password' },
      // The suite's address as the components see it, IPv4 or IPv4-mapped IPv6.
      sourceIp: expect.stringMatching(new RegExp(`${clientAddress().replaceAll('.', '\\.')}$`)),
      requestId: expect.any(String),
    });
    const logins = await audit({ action: 'auth.login', actorId: viewer.id });
    expect(logins.items).toHaveLength(1);
    expect(logins.items[0]).toMatchObject({ target: `user:${viewer.id}`, actor: { kind: 'user' } });

    const created = await audit({ target: `api-key:${key.id}` });
    expect(created.items.map((r) => r.action)).toEqual(['api-key.revoked', 'api-key.created']);
    expect(created.items[1].details).toMatchObject({ body: { name: key.name } });
    const userCreated = await audit({ action: 'user.created', target: `user:${viewer.id}` });
    expect(userCreated.items[0].details).toEqual({
      body: { username: viewer.username, role: 'viewer' },
    });
    expect(JSON.stringify(userCreated.items[0])).not.toContain(viewer.password);
  });

  it('records a plate search with its query and the stated reason; refuses an unusable reason (400)', async () => {
    const search = await edgeApi('GET', '/api/detections?plate=AUD1T23&limit=5', {
      token: viewerToken,
      headers: { 'x-audit-reason': reason },
    });
    expect(search.status).toBe(200);
    const [record] = (await audit({ action: 'plate.search', actorId: viewer.id })).items;
    expect(record).toMatchObject({
      reason,
      details: { query: { plate: 'AUD1T23', limit: '5' } },
      actor: { kind: 'user', name: viewer.username },
    });
    const refused = await edgeApi('GET', '/api/detections?plate=AUD1T23', {
      token: viewerToken,
      headers: { 'x-audit-reason': 'x'.repeat(501) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'X-Audit-Reason' })]);
  });

  it('records watchlist changes with their reason', async () => {
    const created = await edgeApi<{ id: string }>('POST', '/api/watchlists', {
      token: await adminToken(),
      headers: { 'x-audit-reason': reason },
      body: { name: `e2e audit ${randomUUID().slice(0, 8)}` },
    });
    expect(created.status).toBe(201);
    const removed = await edgeApi('DELETE', `/api/watchlists/${created.body.id}`, {
      token: await adminToken(),
      headers: { 'x-audit-reason': reason },
    });
    expect(removed.status).toBe(204);
    const records = await audit({ target: `watchlist:${created.body.id}` });
    expect(records.items.map((r) => [r.action, r.reason])).toEqual([
      ['watchlist.deleted', reason],
      ['watchlist.created', reason],
    ]);
  });

  it('records one video session per user and camera, not one per request', async () => {
    const playlist = `/hls/cam_1/index.m3u8?token=${encodeURIComponent(viewerToken)}`;
    await eventually(async () => {
      const res = await edge(playlist);
      if (res.status !== 200) throw new Error(`playlist answered ${res.status}`);
    }, 30_000);
    for (let i = 0; i < 3; i++) expect((await edge(playlist)).status).toBe(200);
    const sessions = await audit({ action: 'video.session-opened', actorId: viewer.id });
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]).toMatchObject({ target: 'camera:1', details: { path: 'cam_1' } });
  });

  it('pages newest first with the cursor', async () => {
    const first = await audit({ limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = await audit({ limit: '2', cursor: first.nextCursor as string });
    expect(BigInt(second.items[0].id)).toBeLessThan(BigInt(first.items[1].id));
    expect(second.items[0].hash).toBe(first.items[1].prevHash);
    const bad = await edgeApi('GET', '/api/audit?cursor=abc', { token: await adminToken() });
    expect(bad.status).toBe(400);
  });

  it('verifies: every hash chains to the one before (API and tools/gtv audit-verify)', async () => {
    const res = await edgeApi<AuditVerificationDto>('GET', '/api/audit/verify', {
      token: await adminToken(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intact: true });
    expect(res.body.checked).toBeGreaterThan(5);
    const out = execFileSync(join(ROOT, 'tools/gtv'), ['audit-verify'], {
      encoding: 'utf8',
      env: process.env,
      timeout: 60_000,
    });
    expect(JSON.parse(out)).toMatchObject({ intact: true });
  });
});
