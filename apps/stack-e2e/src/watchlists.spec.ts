import type { WatchlistEntryResponseDto, WatchlistResponseDto } from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { createUser, deleteUser, edgeApi, sessionOf } from './support/stack';

const users: Record<'operator' | 'viewer', { id: string; token: string }> = {} as never;

beforeAll(async () => {
  for (const role of ['operator', 'viewer'] as const) {
    const user = await createUser(role, `wl-${role}`);
    users[role] = {
      id: user.id,
      token: (await sessionOf(user.username, user.password)).accessToken,
    };
  }
});

afterAll(async () => {
  for (const user of Object.values(users)) await deleteUser(user.id);
});

const SOME_ID = randomUUID();
const ROUTES: [string, string][] = [
  ['GET', '/api/watchlists'],
  ['POST', '/api/watchlists'],
  ['GET', `/api/watchlists/${SOME_ID}`],
  ['PATCH', `/api/watchlists/${SOME_ID}`],
  ['DELETE', `/api/watchlists/${SOME_ID}`],
  ['POST', `/api/watchlists/${SOME_ID}/entries`],
  ['GET', `/api/watchlists/${SOME_ID}/entries`],
  ['DELETE', `/api/watchlists/${SOME_ID}/entries/${SOME_ID}`],
  ['GET', '/api/alerts'],
  ['GET', `/api/alerts/${SOME_ID}`],
  ['POST', `/api/alerts/${SOME_ID}/acknowledge`],
  ['POST', '/api/analytics/live-token'],
];

describe('watchlists and alerts: authentication', () => {
  it.each(ROUTES)('%s %s answers 401 without a token', async (method, path) => {
    const res = await edgeApi(method, path, { body: method === 'GET' ? undefined : {} });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('Unauthorized');
  });

  it.each(ROUTES)('%s %s answers 401 with a forged token', async (method, path) => {
    const res = await edgeApi(method, path, { token: 'e30.e30.AAAA' });
    expect(res.status).toBe(401);
  });

  it('lets viewers read but not write (403)', async () => {
    const token = users.viewer.token;
    expect((await edgeApi('GET', '/api/watchlists', { token })).status).toBe(200);
    expect((await edgeApi('GET', '/api/alerts', { token })).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/api/watchlists'],
      ['PATCH', `/api/watchlists/${SOME_ID}`],
      ['DELETE', `/api/watchlists/${SOME_ID}`],
      ['POST', `/api/watchlists/${SOME_ID}/entries`],
      ['DELETE', `/api/watchlists/${SOME_ID}/entries/${SOME_ID}`],
      ['POST', `/api/alerts/${SOME_ID}/acknowledge`],
    ]) {
      const res = await edgeApi(method, path, { token, body: {} });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
  });
});

describe('watchlists: CRUD', () => {
  it('creates, reads, renames and deletes a watchlist and its entries, naming who added them', async () => {
    const token = users.operator.token;
    const name = `e2e stolen ${randomUUID().slice(0, 8)}`;
    const created = await edgeApi<WatchlistResponseDto>('POST', '/api/watchlists', {
      token,
      body: { name, description: 'reported stolen' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, entryCount: 0, createdBy: users.operator.id });
    const id = created.body.id;

    const entry = await edgeApi<WatchlistEntryResponseDto>(
      'POST',
      `/api/watchlists/${id}/entries`,
      {
        token,
        body: { plate: 'abc-1d23', match: 'ocr', reason: 'stolen car', severity: 'critical' },
      },
    );
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({
      watchlistId: id,
      plate: 'ABC1D23',
      match: 'ocr',
      severity: 'critical',
      expiresAt: null,
      createdBy: users.operator.id,
    });

    const viewerRead = await edgeApi<WatchlistEntryResponseDto[]>(
      'GET',
      `/api/watchlists/${id}/entries`,
      {
        token: users.viewer.token,
      },
    );
    expect(viewerRead.status).toBe(200);
    expect(viewerRead.body.map((e) => e.id)).toEqual([entry.body.id]);
    const got = await edgeApi<WatchlistResponseDto>('GET', `/api/watchlists/${id}`, { token });
    expect(got.body.entryCount).toBe(1);

    const renamed = await edgeApi<WatchlistResponseDto>('PATCH', `/api/watchlists/${id}`, {
      token,
      body: { name: `${name} (renamed)` },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: `${name} (renamed)`,
      description: 'reported stolen',
    });

    const list = await edgeApi<WatchlistResponseDto[]>('GET', '/api/watchlists', { token });
    expect(list.body.map((w) => w.id)).toContain(id);

    const entryPath = `/api/watchlists/${id}/entries/${entry.body.id}`;
    expect((await edgeApi('DELETE', entryPath, { token })).status).toBe(204);
    expect((await edgeApi('DELETE', entryPath, { token })).status).toBe(404);
    expect((await edgeApi('DELETE', `/api/watchlists/${id}`, { token })).status).toBe(204);
    expect((await edgeApi('GET', `/api/watchlists/${id}`, { token })).status).toBe(404);
    expect((await edgeApi('GET', `/api/watchlists/${id}/entries`, { token })).status).toBe(404);
  });

  it('answers 400 naming each bad field', async () => {
    const token = users.operator.token;
    const fields = async (method: string, path: string, body?: unknown) => {
      const res = await edgeApi(method, path, { token, body });
      expect([path, res.status]).toEqual([path, 400]);
      return res.body.details.map((d) => d.field).sort();
    };
    expect(await fields('POST', '/api/watchlists', { name: '', extra: 1 })).toEqual([
      'extra',
      'name',
    ]);
    expect(await fields('GET', '/api/watchlists/not-a-uuid')).toEqual(['id']);

    const { body } = await edgeApi<WatchlistResponseDto>('POST', '/api/watchlists', {
      token,
      body: { name: `e2e bad ${randomUUID().slice(0, 8)}` },
    });
    const entries = `/api/watchlists/${body.id}/entries`;
    try {
      expect(
        await fields('POST', entries, {
          plate: '',
          match: 'contains',
          reason: '',
          severity: 'urgent',
          expiresAt: 'soon',
        }),
      ).toEqual(['expiresAt', 'match', 'plate', 'reason', 'severity']);
      // Rules across fields: a pattern needs match=wildcard, and enough characters.
      expect(await fields('POST', entries, { plate: 'AB*', reason: 'x' })).toEqual(['plate']);
      expect(await fields('POST', entries, { plate: '*', match: 'wildcard', reason: 'x' })).toEqual(
        ['plate'],
      );
      expect(
        await fields('POST', entries, {
          plate: 'ABC1234',
          reason: 'x',
          expiresAt: '2020-01-01T00:00:00Z',
        }),
      ).toEqual(['expiresAt']);
      expect(await fields('DELETE', `${entries}/nope`)).toEqual(['entryId']);
      expect(
        await fields('GET', '/api/alerts?acknowledged=maybe&severity=urgent&cursor=%21&limit=0'),
      ).toEqual(['acknowledged', 'limit', 'severity']);
      expect(await fields('GET', '/api/alerts?cursor=bm90LWEtY3Vyc29y')).toEqual(['cursor']);
      expect(await fields('POST', '/api/alerts/nope/acknowledge')).toEqual(['id']);
    } finally {
      await edgeApi('DELETE', `/api/watchlists/${body.id}`, { token });
    }
  });

  it('answers 404 for entries of a watchlist that does not exist', async () => {
    const res = await edgeApi('POST', `/api/watchlists/${SOME_ID}/entries`, {
      token: users.operator.token,
      body: { plate: 'ABC1234', reason: 'x' },
    });
    expect(res.status).toBe(404);
  });
});
