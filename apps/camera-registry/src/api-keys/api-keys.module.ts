import { Module } from '@nestjs/common';
import { ActiveApiKeys } from './active-api-keys';
import { ApiKeyEvents } from './api-key-events';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { DbApiKeyVerifier } from './db-api-key.verifier';

/**
 * `POST/GET/DELETE /api/auth/api-keys`, and the verifier behind `X-Api-Key`: the auth guard's here,
 * the `api-key.verify` NATS handler's for the other services.
 */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, DbApiKeyVerifier, ActiveApiKeys, ApiKeyEvents],
  exports: [DbApiKeyVerifier],
})
export class ApiKeysModule {}
