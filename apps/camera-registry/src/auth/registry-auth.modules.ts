import { AuditModule } from '@gt-vision/backend-audit';
import { AuthModule } from '@gt-vision/backend-auth';
import { REDIS } from '@gt-vision/backend-redis';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { DbApiKeyVerifier } from '../api-keys/db-api-key.verifier';
import { UsersModule } from '../users/users.module';
import { LoginModule } from './login.module';

/**
 * The registry's authentication features, in one place for the app and for the tests that wire them:
 * the shared guard (API keys checked against the registry's own table), users, login and API keys,
 * and the audit trail they write to.
 */
export function registryAuthModules() {
  return [
    AuditModule,
    AuthModule.forRoot({
      redis: REDIS,
      apiKeys: { imports: [ApiKeysModule], verifier: DbApiKeyVerifier },
    }),
    UsersModule,
    LoginModule,
    ApiKeysModule,
  ];
}
