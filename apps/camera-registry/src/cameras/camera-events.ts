import { Injectable } from '@nestjs/common';
import {
  NatsSubjects,
  type CameraChange,
  type CameraChangedEvent,
  type CameraStatusChangedEvent,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { Database, type Tx } from '@gt-vision/backend-database';
import { OutboxRelay, OutboxRepository, type OutboxMessage } from '@gt-vision/backend-outbox';

/**
 * Tells other services that a camera changed, through the transactional outbox: a write and the
 * event announcing it commit together, so an event is never lost to a NATS outage or a crash after
 * the commit, and never announces a write that rolled back. Delivery is at least once, in order per
 * camera (see CameraEventEnvelope in shared-types).
 */
@Injectable()
export class CameraEvents {
  private readonly changes = new Subject<CameraChangedEvent>();
  /** Committed camera writes in-process, so the MediaMTX reconciler reacts without a NATS round trip. */
  readonly changes$ = this.changes.asObservable();

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Runs `write` in a transaction and stores the event `announce` makes of its result (none for
   * null: nothing was written) in the same transaction; after the commit, wakes the relay.
   */
  async record<T>(
    write: (tx: Tx) => Promise<T>,
    announce: (result: T) => OutboxMessage | null,
  ): Promise<T> {
    const { result, message } = await this.db.transaction(async (tx) => {
      const result = await write(tx);
      const message = announce(result);
      if (message) await this.outbox.add(tx, [message]);
      return { result, message };
    });
    if (message) {
      if (message.subject === NatsSubjects.cameraChanged) {
        this.changes.next(message.payload as CameraChangedEvent);
      }
      this.relay.wake();
    }
    return result;
  }

  changed(cameraId: number, change: CameraChange): OutboxMessage {
    const event: CameraChangedEvent = {
      eventId: randomUUID(),
      cameraId,
      change,
      at: new Date().toISOString(),
    };
    return { subject: NatsSubjects.cameraChanged, key: String(cameraId), payload: event };
  }

  statusChanged(event: Omit<CameraStatusChangedEvent, 'eventId'>): OutboxMessage {
    return {
      subject: NatsSubjects.cameraStatusChanged,
      key: String(event.cameraId),
      payload: { eventId: randomUUID(), ...event } satisfies CameraStatusChangedEvent,
    };
  }
}
