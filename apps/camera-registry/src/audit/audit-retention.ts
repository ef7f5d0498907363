import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditLog } from '@gt-vision/backend-audit';
import { Poller } from '@gt-vision/backend-poller';
import { AuditTrailConfig } from './audit-trail.config';

const PRUNE_INTERVAL_MS = 3_600_000;

/** Deletes audit records past AUDIT_RETENTION_DAYS, hourly; every replica may run it (idempotent). */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly poller = new Poller('audit retention', PRUNE_INTERVAL_MS, async () => {
    await this.prune();
  });

  constructor(
    private readonly log: AuditLog,
    private readonly config: AuditTrailConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async prune(now = new Date()): Promise<number> {
    const days = this.config.AUDIT_RETENTION_DAYS;
    return this.log.prune(new Date(now.getTime() - days * 86_400_000));
  }
}
