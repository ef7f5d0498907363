import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
