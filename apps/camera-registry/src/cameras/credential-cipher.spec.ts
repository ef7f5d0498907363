import { validateEnv, ConfigValidationError } from '@gt-vision/backend-config';
import { randomBytes } from 'node:crypto';
import { CredentialCipher, CredentialDecryptionError } from './credential-cipher';
import { CredentialsConfig } from './credentials.config';

const newKey = () => randomBytes(32).toString('base64');
const cipherWith = (key: string) => new CredentialCipher({ CREDENTIALS_ENCRYPTION_KEY: key });

describe('CredentialCipher', () => {
  const cipher = cipherWith(newKey());

  it('round-trips, with a fresh IV for every value', () => {
    const a = cipher.encrypt('admin:s3cr%40t');
    const b = cipher.encrypt('admin:s3cr%40t');
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + 'admin:s3cr%40t'.length);
    expect(cipher.decrypt(a)).toBe('admin:s3cr%40t');
    expect(cipher.decrypt(b)).toBe('admin:s3cr%40t');
  });

  it('never stores the plaintext', () => {
    expect(cipher.encrypt('admin:hunter2').toString('latin1')).not.toContain('hunter2');
  });

  it.each([
    ['the version', 0],
    ['the IV', 5],
    ['the tag', 20],
    ['the ciphertext', 30],
  ])('refuses a value whose %s was altered', (_, index) => {
    const stored = cipher.encrypt('admin:hunter2');
    stored[index] ^= 0x01;
    expect(() => cipher.decrypt(stored)).toThrow(CredentialDecryptionError);
  });

  it('refuses a truncated value', () => {
    const stored = cipher.encrypt('admin:hunter2');
    expect(() => cipher.decrypt(stored.subarray(0, 20))).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt(stored.subarray(0, stored.length - 1))).toThrow(
      CredentialDecryptionError,
    );
  });

  it('refuses a value encrypted with another key, without revealing anything', () => {
    const stored = cipherWith(newKey()).encrypt('admin:hunter2');
    expect(() => cipher.decrypt(stored)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt(stored)).toThrow(expect.not.stringContaining('hunter2'));
  });
});

describe('CredentialsConfig', () => {
  it('accepts 32 bytes of standard base64', () => {
    const key = newKey();
    expect(validateEnv(CredentialsConfig, { CREDENTIALS_ENCRYPTION_KEY: key })).toEqual({
      CREDENTIALS_ENCRYPTION_KEY: key,
    });
  });

  it.each([
    ['unset', undefined],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['64 bytes', randomBytes(64).toString('base64')],
    ['base64url', 'A'.repeat(42) + '-_'],
    ['hex', randomBytes(32).toString('hex')],
  ])('refuses a key that is %s, naming the variable', (_, value) => {
    expect(() => validateEnv(CredentialsConfig, { CREDENTIALS_ENCRYPTION_KEY: value })).toThrow(
      ConfigValidationError,
    );
    expect(() => validateEnv(CredentialsConfig, { CREDENTIALS_ENCRYPTION_KEY: value })).toThrow(
      /CREDENTIALS_ENCRYPTION_KEY/,
    );
  });
});
