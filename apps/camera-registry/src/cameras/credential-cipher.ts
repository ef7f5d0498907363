import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CredentialsConfig } from './credentials.config';

/*
 * Stored layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext. The version byte leaves room
 * for key rotation (a new version names a new key) without guessing at old values.
 */
const VERSION = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + IV_LENGTH + TAG_LENGTH;
// Binds ciphertexts to their purpose, so a value encrypted for something else never decrypts here.
const ASSOCIATED_DATA = Buffer.from('gt-vision:camera-source-credentials');

export class CredentialDecryptionError extends Error {
  constructor() {
    super('camera credentials cannot be decrypted: wrong key or altered value');
    this.name = 'CredentialDecryptionError';
  }
}

/** Encrypts camera credentials at rest with AES-256-GCM and a fresh random IV per value. */
@Injectable()
export class CredentialCipher {
  private readonly key: Buffer;

  constructor(config: CredentialsConfig) {
    this.key = Buffer.from(config.CREDENTIALS_ENCRYPTION_KEY, 'base64');
    if (this.key.length !== 32) throw new Error('CREDENTIALS_ENCRYPTION_KEY must be 32 bytes');
  }

  encrypt(plaintext: string): Buffer {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(ASSOCIATED_DATA);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    if (stored.length < HEADER_LENGTH || stored[0] !== VERSION) {
      throw new CredentialDecryptionError();
    }
    const iv = stored.subarray(1, 1 + IV_LENGTH);
    const tag = stored.subarray(1 + IV_LENGTH, HEADER_LENGTH);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, {
        authTagLength: TAG_LENGTH,
      });
      decipher.setAAD(ASSOCIATED_DATA);
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(stored.subarray(HEADER_LENGTH)),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new CredentialDecryptionError();
    }
  }
}
