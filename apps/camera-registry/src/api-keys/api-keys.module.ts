import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { DbApiKeyVerifier } from './db-api-key.verifier';

/** `POST/GET/DELETE /api/auth/api-keys`, and the verifier the auth guard uses for `X-Api-Key`. */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, DbApiKeyVerifier],
  exports: [DbApiKeyVerifier],
})
export class ApiKeysModule {}
