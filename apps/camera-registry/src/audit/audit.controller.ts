import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog, type AuditRecord } from '@gt-vision/backend-audit';
import { AllowRoles } from '@gt-vision/backend-auth';
import {
  AuditQueryDto,
  Roles,
  type AuditRecordDto,
  type AuditVerificationDto,
  type Page,
} from '@gt-vision/shared-types';
import { AuditPageResponse, AuditVerificationResponse } from './audit.responses';

/** The audit trail, for admins only (API keys and other roles get 403). */
@ApiTags('audit')
@Controller('api/audit')
@AllowRoles(Roles.admin)
export class AuditController {
  constructor(private readonly log: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'Security-relevant actions, newest first',
    description:
      'Logins (and failed ones), user and API-key changes, camera changes, video sessions opened, ' +
      'plate searches with their query, detection and snapshot views, watchlist changes. Pass ' +
      '`nextCursor` back as `cursor` for the next page.',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditRecordDto>> {
    const rows = await this.log.list(
      {
        action: query.action,
        actorId: query.actorId,
        target: query.target,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        beforeId: query.cursor,
      },
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit).map(toDto);
    return {
      items,
      nextCursor: rows.length > query.limit ? items[items.length - 1].id : null,
    };
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Checks the hash chain of the whole trail',
    description: 'Recomputes every record’s hash; answers the first broken link, if any.',
  })
  @ApiOkResponse({ type: AuditVerificationResponse })
  verify(): Promise<AuditVerificationDto> {
    return this.log.verify();
  }
}

function toDto(row: AuditRecord): AuditRecordDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: {
      kind: row.actor_kind as AuditRecordDto['actor']['kind'],
      id: row.actor_id,
      name: row.actor_name,
    },
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as Record<string, unknown>,
    sourceIp: row.source_ip,
    requestId: row.request_id,
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
