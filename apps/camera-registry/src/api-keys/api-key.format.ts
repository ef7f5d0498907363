import { hashApiKey } from '@gt-vision/backend-auth';
import { randomBytes } from 'node:crypto';

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** A new key in the `gtv_<prefix>_<secret>` format the verifiers of every service recognise. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const key = `gtv_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}
