import { Matches } from 'class-validator';

export class CredentialsConfig {
  /** AES-256-GCM key for camera credentials at rest: 32 random bytes, standard base64 (`openssl rand -base64 32`). */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: '$property must be 32 bytes in standard base64 (e.g. openssl rand -base64 32)',
  })
  CREDENTIALS_ENCRYPTION_KEY!: string;
}
