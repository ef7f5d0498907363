import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { NatsSubjects, type DetectionEventV1 } from '@gt-vision/shared-types';
import type { Counter } from 'prom-client';
import type { Tx } from '@gt-vision/backend-database';
import { OutboxRelay, OutboxRepository } from '@gt-vision/backend-outbox';
import {
  DetectionBatchHooks,
  type AfterCommit,
  type DetectionBatchHook,
} from '../consumer/detection-batch.hooks';
import { WatchlistMatcher } from '../matcher/watchlist.matcher';
import { ALERTS_RAISED_METRIC } from './alerts.metrics';
import { alertRaisedEvent } from './alert.mapper';
import { AlertsRepository, type NewAlert } from './alerts.repository';

/**
 * Matches every newly stored detection against the watchlists, inside the consumer's transaction: an
 * alert per detection × entry, stored with its `alert.raised` event in the outbox, so the alert, the
 * event and the detection commit together or not at all. A re-delivered detection inserts no alert
 * (unique pair), hence no second event.
 */
@Injectable()
export class AlertRaiser implements DetectionBatchHook, OnModuleInit {
  readonly name = 'watchlist alerts';
  constructor(
    private readonly hooks: DetectionBatchHooks,
    private readonly matcher: WatchlistMatcher,
    private readonly alerts: AlertsRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    @InjectMetric(ALERTS_RAISED_METRIC) private readonly raisedCounter: Counter<string>,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onDetectionsStored(tx: Tx, detections: DetectionEventV1[]): Promise<AfterCommit | void> {
    const index = await this.matcher.latest();
    if (!index.size) return;
    const now = Date.now();
    const candidates: NewAlert[] = detections.flatMap((detection) =>
      index.match(detection, now).map(({ entry, reading }) => ({
        detectionId: detection.id,
        entryId: entry.id,
        watchlistId: entry.watchlistId,
        cameraId: detection.cameraId,
        plate: reading,
        entryPlate: entry.plate,
        match: entry.match,
        reason: entry.reason,
        severity: entry.severity,
        capturedAt: detection.capturedAt,
      })),
    );
    const raised = await this.alerts.insertNew(tx, candidates);
    if (!raised.length) return;
    await this.outbox.add(
      tx,
      raised.map((row) => ({
        subject: NatsSubjects.alertRaised,
        key: String(row.camera_id),
        payload: alertRaisedEvent(row),
      })),
    );
    // Counted and announced once committed: a batch rolled back (and re-delivered) raised nothing.
    return () => {
      for (const row of raised) this.raisedCounter.inc({ severity: row.severity });
      this.relay.wake();
    };
  }
}
