import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt';
import { JwtKeySet, jwtSigningKey, type JwtSigningKey } from './keys';
import { failure } from './jwt-refusal.fixture';

const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const current = pair();
const retired = pair();
const stranger = pair();
const NOW = new Date('2026-11-25T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const OPTIONS = { issuer: 'gt-vision', audience: 'gt-vision', now: NOW };

const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: 'gt-vision',
  aud: 'gt-vision',
  iat: nowSeconds,
  exp: nowSeconds + 900,
  ...extra,
});
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS with whatever header, signed here with the raw key (what a forger would send). */
function forge(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: current.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

describe('ES256 JWT (jose)', () => {
  let key: JwtSigningKey;
  let oldKey: JwtSigningKey;
  let keys: JwtKeySet;
  const verify = (token: string, options = OPTIONS) => verifyJwt(token, keys, options);

  beforeAll(async () => {
    key = await jwtSigningKey(current.privateKey);
    oldKey = await jwtSigningKey(retired.privateKey);
    keys = await JwtKeySet.of([current.publicKey, retired.publicKey]);
  });

  it('names its key in the header and round-trips its claims', async () => {
    const token = await signJwt(claims({ role: 'admin' }), key);
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: key.kid });
    expect(await verify(token)).toMatchObject({ sub: 'user-1', role: 'admin' });
  });

  it('derives the key id from the key (RFC 7638 thumbprint), so signer and verifiers agree', async () => {
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.currentKid).toBe(key.kid);
    expect((await jwtSigningKey(current.privateKey)).kid).toBe(key.kid);
    expect(oldKey.kid).not.toBe(key.kid);
  });

  it('verifies tokens of a retired key by their kid, and refuses keys not in the set', async () => {
    expect(await verify(await signJwt(claims(), oldKey))).toMatchObject({ sub: 'user-1' });
    const withoutRetired = await JwtKeySet.of([current.publicKey]);
    const old = await signJwt(claims(), oldKey);
    expect(await failure(() => verifyJwt(old, withoutRetired, OPTIONS))).toBe('key');
    const foreign = await signJwt(claims(), await jwtSigningKey(stranger.privateKey));
    expect(await failure(() => verify(foreign))).toBe('key');
  });

  it('refuses a token without a kid, and one whose kid names another key of the set', async () => {
    expect(await failure(() => verify(forge({ alg: 'ES256', typ: 'JWT' }, claims())))).toBe('key');
    // Signed by the current key but claiming to be the retired one: the retired key must not verify it.
    const swapped = forge({ alg: 'ES256', typ: 'JWT', kid: oldKey.kid }, claims());
    expect(await failure(() => verify(swapped))).toBe('signature');
  });

  it('publishes the set as a JWKS of public keys only', () => {
    const { keys: published } = keys.jwks();
    expect(published.map((jwk) => jwk.kid)).toEqual([key.kid, oldKey.kid]);
    for (const jwk of published) {
      expect(jwk).toEqual({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: expect.any(String),
        x: expect.any(String),
        y: expect.any(String),
      });
    }
  });

  it('refuses a tampered payload or signature', async () => {
    const [header, payload, signature] = (await signJwt(claims(), key)).split('.');
    expect(
      await failure(() => verify(`${header}.${b64(claims({ role: 'admin' }))}.${signature}`)),
    ).toBe('signature');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] ^= 0xff;
    expect(await failure(() => verify(`${header}.${payload}.${bytes.toString('base64url')}`))).toBe(
      'signature',
    );
  });

  it('refuses a DER-encoded signature', async () => {
    const input = `${b64({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${b64(claims())}`;
    const der = sign('sha256', Buffer.from(input), current.privateKey).toString('base64url');
    expect(await failure(() => verify(`${input}.${der}`))).toBe('signature');
  });

  it('refuses alg "none" and HS256 signed with the public key (algorithm confusion)', async () => {
    const none = `${b64({ alg: 'none', typ: 'JWT', kid: key.kid })}.${b64(claims())}.`;
    expect(await failure(() => verify(none))).toBe('algorithm');
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${b64(claims())}`;
    const secret = current.publicKey.export({ type: 'spki', format: 'pem' });
    const mac = createHmac('sha256', secret).update(input).digest('base64url');
    expect(await failure(() => verify(`${input}.${mac}`))).toBe('algorithm');
  });

  it('refuses a header without typ JWT or with critical extensions', async () => {
    for (const header of [
      { alg: 'ES256', kid: key.kid },
      { alg: 'ES256', typ: 'JWT', kid: key.kid, crit: ['b64'] },
    ]) {
      expect(await failure(() => verify(forge(header, claims())))).toBe('malformed');
    }
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'a.b!.c', `${b64('string')}.${b64({})}.AAAA`])(
    'refuses the malformed token %p',
    async (token) => {
      expect(await failure(() => verify(token))).toBe('malformed');
    },
  );

  it('refuses an expired token, tolerating a little clock skew', async () => {
    const token = await signJwt(claims({ exp: nowSeconds - 10 }), key);
    expect((await verify(token)).exp).toBe(nowSeconds - 10);
    expect(
      await failure(() => verify(token, { ...OPTIONS, clockToleranceSeconds: 5 } as never)),
    ).toBe('expired');
    const longExpired = await signJwt(claims({ exp: nowSeconds - 3600 }), key);
    expect(await failure(() => verify(longExpired))).toBe('expired');
  });

  it('refuses a token that is not valid yet or issued in the future', async () => {
    expect(
      await failure(async () => verify(await signJwt(claims({ nbf: nowSeconds + 600 }), key))),
    ).toBe('not-yet-valid');
    expect(
      await failure(async () => verify(await signJwt(claims({ iat: nowSeconds + 600 }), key))),
    ).toBe('not-yet-valid');
  });

  it('requires numeric exp and iat', async () => {
    for (const bad of [{ exp: undefined }, { iat: '1' }, { exp: nowSeconds + 60, nbf: 'x' }]) {
      const token = forge({ alg: 'ES256', typ: 'JWT', kid: key.kid }, claims(bad));
      expect(await failure(() => verify(token))).toBe('malformed');
    }
  });

  it('checks the issuer and the audience', async () => {
    expect(
      await failure(async () => verify(await signJwt(claims({ iss: 'someone-else' }), key))),
    ).toBe('issuer');
    expect(await failure(async () => verify(await signJwt(claims({ aud: 'mediamtx' }), key)))).toBe(
      'audience',
    );
    const listed = await signJwt(claims({ aud: ['mediamtx', 'gt-vision'] }), key);
    expect((await verify(listed)).aud).toEqual(['mediamtx', 'gt-vision']);
  });

  it('refuses keys that are not P-256', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect(jwtSigningKey(rsa.privateKey)).rejects.toThrow('P-256');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    await expect(JwtKeySet.of([p384.publicKey])).rejects.toThrow('P-256');
  });
});
