import { AccessTokenVerifier } from './access-token';
import { AuthConfig } from './auth.config';
import { signJwt } from './jwt';
import { jwtSigningKey } from './keys';
import { VerifiedTokenCache } from './verified-token.cache';
import { failure } from './jwt-refusal.fixture';
import { writeJwtKeyFiles } from '../testing';

const NOW = new Date('2026-11-25T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const at = (seconds: number) => new Date((nowSeconds + seconds) * 1000);

function verifierWithKey() {
  const files = writeJwtKeyFiles();
  const config = Object.assign(new AuthConfig(), { JWT_PUBLIC_KEY_FILE: files.publicKeyFile });
  return { verifier: new AccessTokenVerifier(config), privateKey: files.privateKey };
}

describe('AccessTokenVerifier', () => {
  const { verifier, privateKey } = verifierWithKey();
  const token = async (extra: Record<string, unknown> = {}) =>
    signJwt(
      {
        sub: 'user-1',
        username: 'alice',
        role: 'viewer',
        jti: 'token-1',
        fam: 'family-1',
        iss: 'gt-vision',
        aud: 'gt-vision',
        iat: nowSeconds,
        exp: nowSeconds + 900,
        ...extra,
      },
      await jwtSigningKey(privateKey),
    );

  it('verifies a token once, then answers its later requests from the cache', async () => {
    const jwt = await token();
    const first = await verifier.verify(jwt, NOW);
    expect(first).toMatchObject({ sub: 'user-1', role: 'viewer', fam: 'family-1' });
    expect(await verifier.verify(jwt, at(60))).toBe(first);
  });

  it('still refuses a cached token once it has expired (beyond the clock tolerance)', async () => {
    const jwt = await token({ jti: 'token-2' });
    await verifier.verify(jwt, NOW);
    await expect(verifier.verify(jwt, at(900 + 29))).resolves.toMatchObject({ jti: 'token-2' });
    expect(await failure(() => verifier.verify(jwt, at(900 + 31)))).toBe('expired');
  });

  it('never caches a refused token', async () => {
    const jwt = await token({ jti: 'token-3', role: 'nobody' });
    expect(await failure(() => verifier.verify(jwt, NOW))).toBe('malformed');
    expect(await failure(() => verifier.verify(jwt, NOW))).toBe('malformed');
  });

  it('does not answer from the cache for a clock earlier than the token allows', async () => {
    const jwt = await token({ jti: 'token-4', nbf: nowSeconds + 120 });
    await verifier.verify(jwt, at(120));
    expect(await failure(() => verifier.verify(jwt, NOW))).toBe('not-yet-valid');
  });
});

describe('VerifiedTokenCache', () => {
  const times = { iat: nowSeconds, exp: nowSeconds + 900 };

  it('keys tokens by their hash, never the token itself', () => {
    const key = VerifiedTokenCache.keyOf('header.payload.signature');
    expect(key).not.toContain('payload');
    expect(key).toBe(VerifiedTokenCache.keyOf('header.payload.signature'));
  });

  it('drops an expired entry when it is asked for', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('a', 'claims', times);
    expect(cache.get('a', nowSeconds + 900 + 31, 30)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('is bounded: when full, the oldest entry goes', () => {
    const cache = new VerifiedTokenCache<string>(2);
    cache.set('a', 'A', times);
    cache.set('b', 'B', times);
    cache.set('c', 'C', times);
    expect(cache.size).toBe(2);
    expect(cache.get('a', nowSeconds, 30)).toBeUndefined();
    expect(cache.get('c', nowSeconds, 30)).toBe('C');
  });
});
