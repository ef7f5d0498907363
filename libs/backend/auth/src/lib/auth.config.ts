import { IsNotEmpty, IsString, MinLength, ValidateBy } from 'class-validator';
import { readP256KeyFile } from './keys';

/** Fails validation (so start-up stops, naming the variable) unless the file holds a P-256 key. */
export function IsP256KeyFile(type: 'public' | 'private'): PropertyDecorator {
  return ValidateBy({
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
  });
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
  /** ES256 (P-256) public key that verifies access tokens. */
  @IsP256KeyFile('public')
  JWT_PUBLIC_KEY_FILE!: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'gt-vision';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'gt-vision';
}
