import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { JwtError, signJwt, verifyJwt } from './jwt';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
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

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof JwtError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('ES256 JWT', () => {
  it('round-trips its claims with a fixed ES256/JWT header', () => {
    const token = signJwt(claims({ role: 'admin' }), privateKey);
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT' });
    expect(verifyJwt(token, publicKey, OPTIONS)).toMatchObject({ sub: 'user-1', role: 'admin' });
  });

  it('refuses a tampered payload', () => {
    const [header, , signature] = signJwt(claims(), privateKey).split('.');
    const forged = `${header}.${b64(claims({ role: 'admin' }))}.${signature}`;
    expect(failure(() => verifyJwt(forged, publicKey, OPTIONS))).toBe('signature');
  });

  it('refuses a tampered signature', () => {
    const [header, payload, signature] = signJwt(claims(), privateKey).split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] ^= 0xff;
    const forged = `${header}.${payload}.${bytes.toString('base64url')}`;
    expect(failure(() => verifyJwt(forged, publicKey, OPTIONS))).toBe('signature');
  });

  it('refuses a token signed by another key', () => {
    const token = signJwt(claims(), other.privateKey);
    expect(failure(() => verifyJwt(token, publicKey, OPTIONS))).toBe('signature');
  });

  it('refuses a DER-encoded signature (wrong length for ES256)', () => {
    const input = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(claims())}`;
    const der = sign('sha256', Buffer.from(input), privateKey).toString('base64url');
    expect(failure(() => verifyJwt(`${input}.${der}`, publicKey, OPTIONS))).toBe('signature');
  });

  it('refuses alg "none"', () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.AAAA`;
    expect(failure(() => verifyJwt(token, publicKey, OPTIONS))).toBe('algorithm');
  });

  it('refuses an unsigned token with an empty signature part', () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    expect(failure(() => verifyJwt(token, publicKey, OPTIONS))).toBe('malformed');
  });

  it('refuses HS256 signed with the public key as the HMAC secret (algorithm confusion)', () => {
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}`;
    const secret = publicKey.export({ type: 'spki', format: 'pem' });
    const mac = createHmac('sha256', secret).update(input).digest('base64url');
    expect(failure(() => verifyJwt(`${input}.${mac}`, publicKey, OPTIONS))).toBe('algorithm');
  });

  it('refuses a header without typ JWT or with critical extensions', () => {
    for (const header of [{ alg: 'ES256' }, { alg: 'ES256', typ: 'JWT', crit: ['b64'] }]) {
      const input = `${b64(header)}.${b64(claims())}`;
      const signature = sign('sha256', Buffer.from(input), {
        key: privateKey,
        dsaEncoding: 'ieee-p1363',
      }).toString('base64url');
      expect(failure(() => verifyJwt(`${input}.${signature}`, publicKey, OPTIONS))).toBe(
        'malformed',
      );
    }
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'a.b!.c', `${b64('string')}.${b64({})}.AAAA`])(
    'refuses the malformed token %p',
    (token) => {
      expect(failure(() => verifyJwt(token, publicKey, OPTIONS))).toBe('malformed');
    },
  );

  it('refuses an expired token, tolerating a little clock skew', () => {
    const token = signJwt(claims({ exp: nowSeconds - 10 }), privateKey);
    expect(verifyJwt(token, publicKey, OPTIONS).exp).toBe(nowSeconds - 10);
    expect(
      failure(() => verifyJwt(token, publicKey, { ...OPTIONS, clockToleranceSeconds: 5 })),
    ).toBe('expired');
    const longExpired = signJwt(claims({ exp: nowSeconds - 3600 }), privateKey);
    expect(failure(() => verifyJwt(longExpired, publicKey, OPTIONS))).toBe('expired');
  });

  it('refuses a token that is not valid yet or issued in the future', () => {
    const notYet = signJwt(claims({ nbf: nowSeconds + 600 }), privateKey);
    expect(failure(() => verifyJwt(notYet, publicKey, OPTIONS))).toBe('not-yet-valid');
    const future = signJwt(claims({ iat: nowSeconds + 600 }), privateKey);
    expect(failure(() => verifyJwt(future, publicKey, OPTIONS))).toBe('not-yet-valid');
  });

  it('requires numeric exp and iat', () => {
    for (const bad of [{ exp: undefined }, { iat: '1' }, { exp: nowSeconds + 60, nbf: 'x' }]) {
      const token = signJwt(claims(bad), privateKey);
      expect(failure(() => verifyJwt(token, publicKey, OPTIONS))).toBe('malformed');
    }
  });

  it('checks the issuer and the audience', () => {
    const otherIssuer = signJwt(claims({ iss: 'someone-else' }), privateKey);
    expect(failure(() => verifyJwt(otherIssuer, publicKey, OPTIONS))).toBe('issuer');
    const otherAudience = signJwt(claims({ aud: 'mediamtx' }), privateKey);
    expect(failure(() => verifyJwt(otherAudience, publicKey, OPTIONS))).toBe('audience');
    const listed = signJwt(claims({ aud: ['mediamtx', 'gt-vision'] }), privateKey);
    expect(verifyJwt(listed, publicKey, OPTIONS).aud).toEqual(['mediamtx', 'gt-vision']);
  });

  it('refuses keys that are not P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => signJwt(claims(), rsa.privateKey)).toThrow('P-256');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const token = signJwt(claims(), privateKey);
    expect(() => verifyJwt(token, p384.publicKey, OPTIONS)).toThrow('P-256');
  });
});
