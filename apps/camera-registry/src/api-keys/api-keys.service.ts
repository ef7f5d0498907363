import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type {
  ApiKeyResponseDto,
  CreateApiKeyDto,
  CreatedApiKeyResponseDto,
} from '@gt-vision/shared-types';
import { ApiKeyEvents } from './api-key-events';
import { generateApiKey } from './api-key.format';
import { mapApiKey } from './api-key.mapper';
import { ApiKeysRepository } from './api-keys.repository';
import { ActiveApiKeys } from './active-api-keys';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly activeKeys: ActiveApiKeys,
    private readonly events: ApiKeyEvents,
  ) {}

  /** The only time the key is shown: only its hash is stored. */
  async create(dto: CreateApiKeyDto, creator: Principal): Promise<CreatedApiKeyResponseDto> {
    const { key, prefix, hash } = generateApiKey();
    const row = await this.repository.insert({
      name: dto.name,
      prefix,
      keyHash: hash,
      role: dto.role ?? 'integrator',
      createdBy: creator.kind === 'user' ? creator.id : null,
    });
    await this.activeKeys.changed();
    return { ...mapApiKey(row), key };
  }

  async list(): Promise<ApiKeyResponseDto[]> {
    return (await this.repository.list()).map(mapApiKey);
  }

  /** Takes effect at once in every registry replica and, through the broadcast, in every other service. */
  async revoke(id: string): Promise<void> {
    if (!(await this.repository.revoke(id))) {
      throw new NotFoundException(`API key ${id} does not exist`);
    }
    await this.activeKeys.changed();
    this.events.revoked(id);
  }
}
