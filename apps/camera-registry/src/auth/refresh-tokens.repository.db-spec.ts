import { useTestDatabase } from '@gt-vision/backend-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { migrations } from '../migrations';
import { UsersRepository } from '../users/users.repository';
import { RefreshTokensRepository, type NewRefreshToken } from './refresh-tokens.repository';

const db = useTestDatabase({ schema: 'camera_registry', migrations });
const tokens = () => new RefreshTokensRepository(db().database);

const HOUR = 3_600_000;
let userId: string;

beforeAll(async () => {
  const user = await new UsersRepository(db().database).insert({
    username: 'rotation-user',
    displayName: null,
    role: 'operator',
    passwordHash: 'not-a-real-hash',
  });
  userId = user.id;
});

function newToken(familyId: string = randomUUID(), expiresInMs = HOUR): NewRefreshToken {
  return {
    familyId,
    userId,
    tokenHash: randomBytes(32).toString('hex'),
    expiresAt: new Date(Date.now() + expiresInMs),
    sessionStartedAt: new Date(),
  };
}

/** A token stored, as a login stores it; returns it with its row id. */
async function stored(token = newToken()) {
  await tokens().insert(token);
  const row = await tokens().findByHash(token.tokenHash);
  if (!row) throw new Error('inserted token not found');
  return { token, row };
}

const sealed = Buffer.from('sealed successor');

describe('RefreshTokensRepository on PostgreSQL', () => {
  it('finds a token by hash with its user', async () => {
    const { row } = await stored();
    expect(row).toMatchObject({
      user_id: userId,
      username: 'rotation-user',
      role: 'operator',
      disabled: false,
      used_at: null,
      revoked_at: null,
      successor_sealed: null,
    });
    expect(await tokens().findByHash('unknown')).toBeNull();
  });

  it('rotates: the used token keeps its sealed successor and the successor joins the family', async () => {
    const { token, row } = await stored();
    const next = newToken(token.familyId);
    const usedAt = new Date();
    expect(await tokens().rotate(row.id, usedAt, sealed, next)).toBe(true);

    const used = await tokens().findByHash(token.tokenHash);
    expect(used?.used_at?.getTime()).toBe(usedAt.getTime());
    expect(used?.successor_sealed).toEqual(sealed);
    const successor = await tokens().findByHash(next.tokenHash);
    expect(successor).toMatchObject({ family_id: token.familyId, used_at: null });
  });

  it('lets only one of two racing rotations of one token win, and stores one successor', async () => {
    const { token, row } = await stored();
    const a = newToken(token.familyId);
    const b = newToken(token.familyId);
    const results = await Promise.all([
      tokens().rotate(row.id, new Date(), sealed, a),
      tokens().rotate(row.id, new Date(), sealed, b),
    ]);
    expect(results.sort()).toEqual([false, true]);
    const family = await db().database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM camera_registry.refresh_tokens WHERE family_id = $1',
      [token.familyId],
    );
    expect(family[0].n).toBe(2);
  });

  it('refuses to rotate a used or a revoked token, and stores nothing then', async () => {
    const { token, row } = await stored();
    expect(await tokens().rotate(row.id, new Date(), sealed, newToken(token.familyId))).toBe(true);
    const again = newToken(token.familyId);
    expect(await tokens().rotate(row.id, new Date(), sealed, again)).toBe(false);
    expect(await tokens().findByHash(again.tokenHash)).toBeNull();

    const revoked = await stored();
    await tokens().revokeFamily(revoked.token.familyId);
    const late = newToken(revoked.token.familyId);
    expect(await tokens().rotate(revoked.row.id, new Date(), sealed, late)).toBe(false);
    expect(await tokens().findByHash(late.tokenHash)).toBeNull();
  });

  it('describes an open session and forgets it once its family is revoked', async () => {
    const { token } = await stored();
    expect(await tokens().findSession(token.familyId)).toMatchObject({
      started_at: token.sessionStartedAt,
    });
    await tokens().revokeFamily(token.familyId);
    expect(await tokens().findSession(token.familyId)).toBeNull();
  });

  it('revokes every open family of a user and names them', async () => {
    const one = await stored();
    const two = await stored();
    const families = await tokens().openFamiliesOf(userId);
    expect(families).toEqual(expect.arrayContaining([one.token.familyId, two.token.familyId]));
    const revoked = await tokens().revokeAllOfUser(userId);
    expect(revoked.sort()).toEqual([...families].sort());
    expect(await tokens().openFamiliesOf(userId)).toEqual([]);
  });

  it('prunes spent families and old revocations, but keeps a used token of a live family', async () => {
    await db().database.execute('DELETE FROM camera_registry.refresh_tokens');
    const spent = await stored(newToken(randomUUID(), -HOUR));
    const live = await stored(newToken(randomUUID(), -HOUR));
    // The live family's expired token was rotated into one still valid: presenting it again must
    // still be caught as reuse, so it stays.
    await tokens().insert(newToken(live.token.familyId, HOUR));
    const old = await stored();
    await tokens().revokeFamily(old.token.familyId);

    const now = new Date();
    const result = await tokens().pruneBatch(now, new Date(now.getTime() + 1000), 100);
    expect(result).toEqual({ expired: 1, revoked: 1 });
    expect(await tokens().findByHash(spent.token.tokenHash)).toBeNull();
    expect(await tokens().findByHash(old.token.tokenHash)).toBeNull();
    expect(await tokens().findByHash(live.token.tokenHash)).not.toBeNull();
  });

  it('steps aside while another pruner holds the lock', async () => {
    const now = new Date();
    await db().database.transaction(async (other) => {
      await other.query(
        "SELECT pg_advisory_xact_lock(hashtext('camera_registry.refresh_tokens prune'))",
      );
      expect(await tokens().pruneBatch(now, now, 100)).toBeNull();
    });
    expect(await tokens().pruneBatch(now, now, 100)).toEqual({ expired: 0, revoked: 0 });
  });
});
