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
  NatsSubjects,
  type AlertRaisedEvent,
  type CameraStatusChangedEvent,
  type SystemAlertChangedEvent,
} from '@gt-vision/shared-types';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import type { Subscription as RxSubscription } from 'rxjs';
import { LiveHub } from './live.hub';

/**
 * Camera status changes (from the registry), alerts (from any analytics replica's outbox) and system
 * alerts (from whichever replica Alertmanager called) reach the live clients through NATS. No queue group: every replica hears every event, since each has its
 * own clients. Alerts come this way rather than in-process so a client sees every alert, whichever
 * replica consumed the detection.
 */
@Injectable()
export class LiveNatsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveNatsFeed.name);
  private subscriptions: Subscription[] | undefined;
  private status?: RxSubscription;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly hub: LiveHub,
  ) {}

  onApplicationBootstrap(): void {
    // The client reports `connected` on its first connection and again after each reconnect.
    this.status = this.client.status.subscribe((status) => {
      if (status === 'connected') this.connected();
    });
  }

  onApplicationShutdown(): void {
    // The subscriptions end with the connection, which NatsConnectionManager drains.
    this.status?.unsubscribe();
  }

  private connected(): void {
    // nats.js renews subscriptions on reconnect, so one of each is enough.
    const connection = this.client.unwrap<NatsConnection>();
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
