import { Injectable, NotFoundException } from '@nestjs/common';
import { CameraAccess, scopedIds, type Principal } from '@gt-vision/backend-auth';
import type { AlertQueryDto, AlertResponseDto, Page } from '@gt-vision/shared-types';
import { decodeAlertCursor, encodeAlertCursor } from './alert-cursor';
import { mapAlert } from './alert.mapper';
import { AlertsRepository } from './alerts.repository';

@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly access: CameraAccess,
  ) {}

  /** Within the caller's cameras; naming a camera not granted to them is a 403. */
  async list(query: AlertQueryDto, caller: Principal): Promise<Page<AlertResponseDto>> {
    this.access.assertFilterAllowed(caller, query.cameraId);
    const rows = await this.repository.list({
      cameraId: query.cameraId,
      cameraIds: scopedIds(this.access.scopeOf(caller)),
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

  /** An alert of a camera not granted to the caller is as missing as one that does not exist. */
  async get(id: string, caller: Principal): Promise<AlertResponseDto> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    this.access.assertVisible(caller, row.camera_id, () => notFound(id));
    return mapAlert(row);
  }

  /** Idempotent: the first acknowledgement (who, when) stands and is answered again. */
  async acknowledge(id: string, principal: Principal): Promise<AlertResponseDto> {
    await this.get(id, principal);
    const row = await this.repository.acknowledge(id, principal.id);
    if (!row) throw notFound(id);
    return mapAlert(row);
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`alert ${id} does not exist`);
}
