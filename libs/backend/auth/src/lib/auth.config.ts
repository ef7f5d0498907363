import { EnvList, EnvNumber } from '@gt-vision/backend-config';
import {
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { readP256KeyFile } from './keys';

/** Fails validation (so start-up stops, naming the variable) unless the file holds a P-256 key. */
export function IsP256KeyFile(
  type: 'public' | 'private',
  options?: { each: boolean },
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isP256KeyFile',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value === '') return false;
          try {
            readP256KeyFile(value, type);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => `must name a readable PEM file holding an EC P-256 ${type} key`,
      },
    },
    options,
  );
}

/** The one credential GT-Vision's services present to each other (and Prometheus to them). */
export class InternalAuthConfig {
  /** Shared by GT-Vision's own services and Prometheus; grants the `service` principal. */
  @IsString()
  @MinLength(32)
  INTERNAL_SERVICE_TOKEN!: string;
}

/** What every service needs to authenticate callers; only camera-registry signs tokens. */
export class AuthConfig extends InternalAuthConfig {
  /** ES256 (P-256) public key of the key that signs access tokens now. */
  @IsP256KeyFile('public')
  JWT_PUBLIC_KEY_FILE!: string;

  /**
   * Public keys of signing keys rotated out (comma-separated files): tokens they signed still verify
   * until they expire, so a rotation logs nobody out. Drop a key once its last token has expired.
   */
  @EnvList()
  @IsArray()
  @IsP256KeyFile('public', { each: true })
  JWT_RETIRED_PUBLIC_KEY_FILES: string[] = [];

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'gt-vision';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'gt-vision';

  /**
   * Failed API-key checks one client address may make per minute before it is refused (429) for
   * the rest of the minute: keys are unguessable, so this bounds the lookups a scanner costs.
   */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100000)
  API_KEY_MAX_FAILURES_PER_IP = 20;
}
