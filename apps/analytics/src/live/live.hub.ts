import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { CameraAccess } from '@gt-vision/backend-auth';
import {
  Roles,
  type AlertResponseDto,
  type CameraStatusChangedEvent,
  type DetectionResponseDto,
  type LiveServerMessage,
  type SystemAlertDto,
} from '@gt-vision/shared-types';
import type { Counter, Gauge } from 'prom-client';
import type { LiveClient } from './live-client';
import { LIVE_CLIENTS_METRIC, LIVE_SENT_METRIC } from './live.metrics';

/** Told when the first client of this replica follows a camera and when the last one stops. */
export interface CameraInterest {
  followed(cameraId: number): void;
  unfollowed(cameraId: number): void;
}

/**
 * The authenticated clients of this replica and what each follows. Each message is serialised once
 * and handed to every client concerned; a client's own queue bound decides whether it keeps up.
 * Whether a client may see a camera is checked per message against the current permissions, so a
 * grant change applies to open connections at once.
 */
@Injectable()
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  /** How many clients follow each camera: this replica hears the detections of those cameras only. */
  private readonly followers = new Map<number, number>();
  private interest: CameraInterest | undefined;

  constructor(
    @InjectMetric(LIVE_CLIENTS_METRIC) private readonly clientsGauge: Gauge<string>,
    @InjectMetric(LIVE_SENT_METRIC) private readonly sent: Counter<string>,
    private readonly access: CameraAccess,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  add(client: LiveClient): void {
    this.clients.add(client);
    this.clientsGauge.set(this.clients.size);
  }

  remove(client: LiveClient): void {
    if (!this.clients.delete(client)) return;
    this.clientsGauge.set(this.clients.size);
    this.unfollow(client, [...client.cameras]);
  }

  /** The one listener of camera interest; it is told at once of the cameras already followed. */
  watchInterest(interest: CameraInterest): void {
    this.interest = interest;
    for (const cameraId of this.followers.keys()) interest.followed(cameraId);
  }

  follow(client: LiveClient, cameraIds: readonly number[]): void {
    // A subscription that arrives after the client left must not leave a camera followed for ever.
    if (!this.clients.has(client)) return;
    for (const cameraId of cameraIds) {
      if (client.cameras.has(cameraId)) continue;
      client.cameras.add(cameraId);
      const count = (this.followers.get(cameraId) ?? 0) + 1;
      this.followers.set(cameraId, count);
      if (count === 1) this.interest?.followed(cameraId);
    }
  }

  unfollow(client: LiveClient, cameraIds: readonly number[]): void {
    for (const cameraId of cameraIds) {
      if (!client.cameras.delete(cameraId)) continue;
      const count = (this.followers.get(cameraId) ?? 1) - 1;
      if (count > 0) {
        this.followers.set(cameraId, count);
        continue;
      }
      this.followers.delete(cameraId);
      this.interest?.unfollowed(cameraId);
    }
  }

  /** Each detection to the clients that subscribed to its camera. */
  detections(detections: readonly DetectionResponseDto[]): void {
    if (!this.clients.size) return;
    for (const detection of detections) {
      const message = this.encode({ type: 'detection', detection });
      this.deliver(
        'detection',
        message,
        (client) => client.cameras.has(detection.cameraId) && this.sees(client, detection.cameraId),
      );
    }
  }

  cameraStatus(event: CameraStatusChangedEvent): void {
    const message = this.encode({ type: 'camera-status', event });
    this.deliver('camera-status', message, (client) => this.sees(client, event.cameraId));
  }

  alert(alert: AlertResponseDto): void {
    const message = this.encode({ type: 'alert', alert });
    this.deliver('alert', message, (client) => this.sees(client, alert.cameraId));
  }

  /** System alerts carry hosts, jobs and addresses: admins only. */
  systemAlerts(alerts: readonly SystemAlertDto[]): void {
    if (!this.clients.size) return;
    for (const alert of alerts) {
      const message = this.encode({ type: 'system-alert', alert });
      this.deliver('system-alert', message, (client) => client.principal?.role === Roles.admin);
    }
  }

  /** Fails closed: while the permissions are unknown (503), restricted clients get nothing. */
  private sees(client: LiveClient, cameraId: number): boolean {
    if (!client.principal) return false;
    try {
      return this.access.allows(client.principal, cameraId);
    } catch {
      return false;
    }
  }

  private encode(message: LiveServerMessage): string {
    return JSON.stringify(message);
  }

  private deliver(type: string, data: string, wants: (client: LiveClient) => boolean): void {
    let count = 0;
    for (const client of this.clients) {
      if (wants(client) && client.send(data)) count++;
    }
    if (count) this.sent.inc({ type }, count);
  }
}
