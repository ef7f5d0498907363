import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import {
  NatsSubjects,
  type CameraChange,
  type CameraChangedEvent,
  type CameraStatusChangedEvent,
} from '@gt-vision/shared-types';
import { Subject, timeout } from 'rxjs';

/** How long a publish may wait for NATS before it is reported as not delivered. */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * Tells other services that a camera changed. Best effort, by design for now: the write is already
 * committed, so a NATS outage is logged and never fails or delays the HTTP answer. Consumers that
 * must not miss a change need an outbox (a later step).
 */
@Injectable()
export class CameraEvents {
  private readonly logger = new Logger(CameraEvents.name);
  private readonly changes = new Subject<CameraChangedEvent>();
  /** The same changes in-process, so the MediaMTX reconciler reacts without a NATS round trip. */
  readonly changes$ = this.changes.asObservable();

  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  changed(cameraId: number, change: CameraChange): void {
    const event: CameraChangedEvent = { cameraId, change, at: new Date().toISOString() };
    this.changes.next(event);
    this.publish(NatsSubjects.cameraChanged, event, `camera ${cameraId} (${change})`);
  }

  /** After the status watcher stored a new status; same best-effort delivery as `changed`. */
  statusChanged(event: CameraStatusChangedEvent): void {
    this.publish(
      NatsSubjects.cameraStatusChanged,
      event,
      `camera ${event.cameraId} (${event.status})`,
    );
  }

  private publish(subject: string, event: object, what: string): void {
    this.nats
      .emit(subject, event)
      .pipe(timeout(PUBLISH_TIMEOUT_MS))
      .subscribe({
        error: (error: Error) =>
          this.logger.warn(`${subject} for ${what} not published: ${error.message}`),
      });
  }
}
