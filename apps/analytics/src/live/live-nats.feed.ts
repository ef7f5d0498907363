import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { inNatsReceiveSpan, NATS_CLIENT } from '@gt-vision/backend-nats';
import {
  liveDetectionsSubject,
  NatsSubjects,
  type AlertRaisedEvent,
  type CameraStatusChangedEvent,
  type LiveDetectionsEvent,
  type SystemAlertChangedEvent,
} from '@gt-vision/shared-types';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import type { Subscription as RxSubscription } from 'rxjs';
import { LiveHub, type CameraInterest } from './live.hub';

/**
 * Camera status changes (from the registry), alerts (from any analytics replica's outbox) and system
 * alerts (from whichever replica Alertmanager called) reach the live clients through NATS. No queue
 * group: every replica hears every event, since each has its own clients. Alerts and detections come
 * this way rather than in-process so a client sees them whichever replica consumed the detection.
 * Detections, the bulk, are heard only for the cameras this replica's clients follow: one
 * subscription per followed camera, made by the first follower and ended by the last.
 */
@Injectable()
export class LiveNatsFeed implements OnApplicationBootstrap, OnApplicationShutdown, CameraInterest {
  private readonly logger = new Logger(LiveNatsFeed.name);
  private subscriptions: Subscription[] | undefined;
  private status?: RxSubscription;
  /** Followed cameras, with their subscription once connected. */
  private readonly cameras = new Map<number, Subscription | undefined>();
  private connection: NatsConnection | undefined;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly hub: LiveHub,
  ) {}

  onApplicationBootstrap(): void {
    this.hub.watchInterest(this);
    // The client reports `connected` on its first connection and again after each reconnect.
    this.status = this.client.status.subscribe((status) => {
      if (status === 'connected') this.connected();
    });
  }

  onApplicationShutdown(): void {
    // The subscriptions end with the connection, which NatsConnectionManager drains.
    this.status?.unsubscribe();
  }

  followed(cameraId: number): void {
    this.cameras.set(cameraId, this.subscribeCamera(cameraId));
  }

  unfollowed(cameraId: number): void {
    this.cameras.get(cameraId)?.unsubscribe();
    this.cameras.delete(cameraId);
  }

  private subscribeCamera(cameraId: number): Subscription | undefined {
    return this.connection?.subscribe(liveDetectionsSubject(cameraId), {
      callback: (error, msg) =>
        this.receive<LiveDetectionsEvent>(error, msg, (event) =>
          this.hub.detections(event.detections),
        ),
    });
  }

  private connected(): void {
    // nats.js renews subscriptions on reconnect, so one of each is enough.
    const connection = this.client.unwrap<NatsConnection>();
    this.connection = connection;
    for (const [cameraId, subscription] of this.cameras) {
      if (!subscription) this.cameras.set(cameraId, this.subscribeCamera(cameraId));
    }
    this.subscriptions ??= [
      connection.subscribe(NatsSubjects.cameraStatusChanged, {
        callback: (error, msg) =>
          this.receive<CameraStatusChangedEvent>(error, msg, (event) =>
            this.hub.cameraStatus(event),
          ),
      }),
      connection.subscribe(NatsSubjects.alertRaised, {
        callback: (error, msg) =>
          this.receive<AlertRaisedEvent>(error, msg, (event) => this.hub.alert(event.alert)),
      }),
      connection.subscribe(NatsSubjects.systemAlertChanged, {
        callback: (error, msg) =>
          this.receive<SystemAlertChangedEvent>(error, msg, (event) =>
            this.hub.systemAlerts(event.alerts),
          ),
      }),
    ];
  }

  private receive<T>(error: NatsError | null, msg: Msg, deliver: (event: T) => void): void {
    if (error) {
      this.logger.warn(`${msg?.subject ?? 'live'} subscription failed: ${error.message}`);
      return;
    }
    let event: T | undefined;
    try {
      // Published with Nest's emit, which wraps the event as `{pattern, data}`.
      event = msg.json<{ data?: T }>().data;
    } catch {
      event = undefined;
    }
    if (event === undefined) {
      this.logger.warn(`unreadable ${msg.subject} event ignored`);
      return;
    }
    // Traced: the delivery to the live clients ends the trace that raised the event (e.g. an alert).
    void inNatsReceiveSpan(msg, async () => deliver(event));
  }
}
