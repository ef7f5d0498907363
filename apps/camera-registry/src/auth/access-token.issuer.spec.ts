import { AccessTokenVerifier, AuthConfig } from '@gt-vision/backend-auth';
import { AccessTokenIssuer } from './access-token.issuer';
import { RegistryAuthConfig } from './registry-auth.config';
import { writeJwtKeyFiles } from '@gt-vision/backend-auth/testing';

function issuer() {
  const files = writeJwtKeyFiles();
  const auth = Object.assign(new AuthConfig(), { JWT_PUBLIC_KEY_FILE: files.publicKeyFile });
  const config = Object.assign(new RegistryAuthConfig(), {
    JWT_PRIVATE_KEY_FILE: files.privateKeyFile,
  });
  const verifier = new AccessTokenVerifier(auth);
  return { issuer: new AccessTokenIssuer(auth, config, verifier), verifier, auth, config };
}

describe('AccessTokenIssuer', () => {
  const user = { id: 'user-1', username: 'alice', role: 'operator' as const };
  const now = new Date('2026-11-25T12:00:00Z');
  const { issuer: tokens, verifier } = issuer();

  it('issues tokens for ACCESS_TOKEN_TTL_SECONDS, naming the current key', async () => {
    const issued = await tokens.issue(user, 'family-1', now);
    expect(issued.expiresIn).toBe(900);
    expect(await verifier.verify(issued.token, now)).toMatchObject({
      fam: 'family-1',
      exp: 1795608900,
    });
    const header = JSON.parse(Buffer.from(issued.token.split('.')[0], 'base64url').toString());
    expect(header.kid).toBe(await verifier.currentKid());
    await expect(tokens.onModuleInit()).resolves.toBeUndefined();
  });

  it('never lets a token outlive its session', async () => {
    const end = new Date(now.getTime() + 60_000);
    const issued = await tokens.issue(user, 'family-1', now, end);
    expect(issued.expiresIn).toBe(60);
    expect(issued.expiresAt).toEqual(end);
    expect((await verifier.verify(issued.token, now)).exp).toBe(end.getTime() / 1000);
  });

  it('refuses to start when its private key is not the current one', async () => {
    const mismatched = issuer();
    const other = issuer();
    const wrong = new AccessTokenIssuer(
      Object.assign(new AuthConfig(), {
        JWT_PUBLIC_KEY_FILE: mismatched.auth.JWT_PUBLIC_KEY_FILE,
        // The signing key's public half is still accepted (retired), but it is not the current key.
        JWT_RETIRED_PUBLIC_KEY_FILES: [other.auth.JWT_PUBLIC_KEY_FILE],
      }),
      other.config,
      new AccessTokenVerifier(
        Object.assign(new AuthConfig(), {
          JWT_PUBLIC_KEY_FILE: mismatched.auth.JWT_PUBLIC_KEY_FILE,
          JWT_RETIRED_PUBLIC_KEY_FILES: [other.auth.JWT_PUBLIC_KEY_FILE],
        }),
      ),
    );
    await expect(wrong.onModuleInit()).rejects.toThrow('not the private half');
  });
});
