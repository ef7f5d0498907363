import { afterAll } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test-only (`@gt-vision/backend-auth/testing`): JWT key files for specs whose configuration names key
 * files. Jest evaluates this module once per test file, so each file gets one directory, removed when its
 * tests end: specs wrote a directory per key pair into /tmp and left it there on every run.
 */
const dir = mkdtempSync(join(tmpdir(), 'gtv-jwt-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

export interface JwtKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * A fresh ES256 key pair written as PEM files. `mismatched`: the public file holds another pair's key,
 * as a deployment whose key files do not belong together.
 */
export function writeJwtKeyFiles(options: { mismatched?: boolean } = {}): JwtKeyFiles {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKey = options.mismatched
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey
    : pair.publicKey;
  written += 1;
  const privateKeyFile = join(dir, `private-${written}.pem`);
  const publicKeyFile = join(dir, `public-${written}.pem`);
  writeFileSync(privateKeyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKeyFile, publicKeyFile, privateKey: pair.privateKey, publicKey };
}
