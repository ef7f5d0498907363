import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'gt-vision refresh-token successor';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key is derived from the rotated refresh token itself, which is stored only as a SHA-256 hash:
 * whoever reads the database cannot open the seal, only someone presenting that token can.
 */
function keyOf(rotated: string): Buffer {
  return Buffer.from(hkdfSync('sha256', rotated, Buffer.alloc(0), INFO, 32));
}

/** AES-256-GCM of `successor` under a key from `rotated`: iv | tag | ciphertext. */
export function sealSuccessor(rotated: string, successor: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(rotated), iv);
  const ciphertext = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** The successor token, or null when the seal was not made for `rotated` or was altered. */
export function openSuccessor(rotated: string, sealed: Buffer): string | null {
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', keyOf(rotated), sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    const plain = decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES));
    return Buffer.concat([plain, decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
