import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

/** ES256 means ECDSA on P-256 with SHA-256; any other key would silently change the algorithm. */
export function assertP256(key: KeyObject, type: 'public' | 'private'): void {
  if (
    key.type !== type ||
    key.asymmetricKeyType !== 'ec' ||
    key.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw new Error(`expected an EC P-256 ${type} key for ES256`);
  }
}

/** Reads a PEM key file and checks that it is a P-256 key of the expected type. */
export function readP256KeyFile(path: string, type: 'public' | 'private'): KeyObject {
  const pem = readFileSync(path);
  const key = type === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  assertP256(key, type);
  return key;
}

/** The public half of a signing key, as published in the JWKS. */
export type PublicJwk = JWK & { kid: string; kty: 'EC'; crv: 'P-256'; alg: 'ES256'; use: 'sig' };

/**
 * The key id is the key's RFC 7638 thumbprint: it follows from the key itself, so the signer and every
 * verifier agree on it without sharing anything but the public key, and no two keys share one.
 */
async function publicJwk(publicKey: KeyObject): Promise<PublicJwk> {
  assertP256(publicKey, 'public');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256');
  return { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' };
}

/** The registry's private key with the id its tokens name in their header. */
export interface JwtSigningKey {
  privateKey: KeyObject;
  kid: string;
}

export async function jwtSigningKey(privateKey: KeyObject): Promise<JwtSigningKey> {
  assertP256(privateKey, 'private');
  const { kid } = await publicJwk(createPublicKey(privateKey));
  return { privateKey, kid };
}

/**
 * The public keys tokens may be signed with, by key id: the current signing key first, then retired
 * ones that still verify the tokens they signed until those expire (key rotation).
 */
export class JwtKeySet {
  private constructor(
    private readonly keys: ReadonlyMap<string, KeyObject>,
    private readonly published: readonly PublicJwk[],
  ) {}

  static async of(publicKeys: readonly KeyObject[]): Promise<JwtKeySet> {
    const jwks = await Promise.all(publicKeys.map(publicJwk));
    const keys = new Map<string, KeyObject>();
    jwks.forEach((jwk, i) => keys.set(jwk.kid, publicKeys[i]));
    return new JwtKeySet(keys, [...new Map(jwks.map((jwk) => [jwk.kid, jwk])).values()]);
  }

  /** Reads the current public key and the retired ones from their PEM files. */
  static fromFiles(current: string, retired: readonly string[] = []): Promise<JwtKeySet> {
    return JwtKeySet.of([current, ...retired].map((path) => readP256KeyFile(path, 'public')));
  }

  /** Id of the key new tokens are signed with. */
  get currentKid(): string {
    return this.published[0].kid;
  }

  get(kid: string): KeyObject | undefined {
    return this.keys.get(kid);
  }

  /** RFC 7517 JSON Web Key Set, for whoever verifies tokens without our configuration. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.published.map((jwk) => ({ ...jwk })) };
  }
}
