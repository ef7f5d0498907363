import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import {
  NatsSubjects,
  type AlertmanagerWebhookDto,
  type SystemAlertChangedEvent,
  type SystemAlertListResponseDto,
  type SystemAlertQueryDto,
} from '@gt-vision/shared-types';
import { lastValueFrom } from 'rxjs';
import { fromAlertmanager, toSystemAlertDto } from './system-alert.mapper';
import { SystemAlertsRepository } from './system-alerts.repository';

/** Resolved alerts stay listed this long (firing ones always are). */
export const RESOLVED_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Alertmanager's notifications, stored and pushed live. The row is the truth: a notification is
 * answered 2xx only once stored, so Alertmanager retries whatever the database did not take. The
 * live push over NATS (to every analytics replica's admin clients) is best effort on top: a client
 * that missed one sees the alert in the list, and Alertmanager repeats firing alerts anyway.
 */
@Injectable()
export class SystemAlertsService {
  private readonly logger = new Logger(SystemAlertsService.name);
  private lastPrune = 0;

  constructor(
    private readonly repository: SystemAlertsRepository,
    @Inject(NATS_CLIENT) private readonly nats: ClientNats,
  ) {}

  async receive(notification: AlertmanagerWebhookDto): Promise<void> {
    const changed = await this.repository.upsert(notification.alerts.map(fromAlertmanager));
    await this.pruneNowAndThen();
    if (!changed.length) return;
    for (const row of changed)
      this.logger.log(`system alert ${row.name} ${row.status} (${row.severity})`);
    const event: SystemAlertChangedEvent = { version: 1, alerts: changed.map(toSystemAlertDto) };
    try {
      await lastValueFrom(this.nats.emit(NatsSubjects.systemAlertChanged, event), {
        defaultValue: undefined,
      });
    } catch (error) {
      this.logger.warn(`system alerts stored but not pushed live: ${(error as Error).message}`);
    }
  }

  async list(query: SystemAlertQueryDto): Promise<SystemAlertListResponseDto> {
    const rows = await this.repository.list(query.limit, query.status);
    return { items: rows.map(toSystemAlertDto) };
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.repository.pruneResolved(RESOLVED_RETENTION_DAYS);
    if (pruned)
      this.logger.log(
        `${pruned} resolved system alerts older than ${RESOLVED_RETENTION_DAYS} days pruned`,
      );
  }
}
