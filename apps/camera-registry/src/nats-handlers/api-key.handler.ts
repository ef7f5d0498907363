import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { natsValidationPipe } from '@gt-vision/backend-nats';
import {
  API_KEY_MESSAGES_VERSION,
  ApiKeyVerifyRequest,
  NatsSubjects,
  type ApiKeyVerifyReply,
} from '@gt-vision/shared-types';
import { DbApiKeyVerifier } from '../api-keys/db-api-key.verifier';

/** The other services' `X-Api-Key` check: only the registry holds the keys' hashes. */
@Controller()
@UsePipes(natsValidationPipe())
export class ApiKeyHandler {
  constructor(private readonly verifier: DbApiKeyVerifier) {}

  @MessagePattern(NatsSubjects.apiKeyVerify)
  async verify(@Payload() request: ApiKeyVerifyRequest): Promise<ApiKeyVerifyReply> {
    const principal = await this.verifier.verifyHash(request.keyHash);
    return {
      version: API_KEY_MESSAGES_VERSION,
      key: principal && { id: principal.id, name: principal.name, role: principal.role },
    };
  }
}
