import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type { AlertQueryDto, AlertResponseDto, Page } from '@gt-vision/shared-types';
import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor';
import { mapAlert } from './alert.mapper';
import { AlertsRepository } from './alerts.repository';

@Injectable()
export class AlertsService {
  constructor(private readonly repository: AlertsRepository) {}

  async list(query: AlertQueryDto): Promise<Page<AlertResponseDto>> {
    const rows = await this.repository.list({
      cameraId: query.cameraId,
      severity: query.severity,
      acknowledged: query.acknowledged,
      from: query.from,
      to: query.to,
      after: query.cursor === undefined ? undefined : decodeAlertCursor(query.cursor),
      // One more than asked tells whether there is a next page without a count.
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(mapAlert);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeAlertCursor({ raisedAt: last.raisedAt, id: last.id })
          : null,
    };
  }

  async get(id: string): Promise<AlertResponseDto> {
    const row = await this.repository.find(id);
    if (!row) throw new NotFoundException(`alert ${id} does not exist`);
    return mapAlert(row);
  }

  /** Idempotent: the first acknowledgement (who, when) stands and is answered again. */
  async acknowledge(id: string, principal: Principal): Promise<AlertResponseDto> {
    const row = await this.repository.acknowledge(id, principal.id);
    if (!row) throw new NotFoundException(`alert ${id} does not exist`);
    return mapAlert(row);
  }
}
