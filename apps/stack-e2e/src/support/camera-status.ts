import {
  NatsSubjects,
  type CameraStatus,
  type CameraStatusChangedEvent,
} from '@gt-vision/shared-types';
import type { NatsConnection, Subscription } from 'nats';
import { eventually } from './stack';

export const NATS_URL = process.env['GTV_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const SIMULATOR = process.env['GTV_SIMULATOR_URL'] ?? 'http://127.0.0.1:3010';

/** The camera simulator's control endpoint: demo camera n is published as `sim_n` and pulled as `cam_n`. */
export async function simulator(
  action: 'start' | 'stop' | 'pause' | 'resume',
  camera: number,
): Promise<void> {
  const res = await fetch(`${SIMULATOR}/cameras/${camera}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`simulator ${action} ${camera} answered ${res.status}`);
}

/** Collects `camera.status.changed` events; Nest's emit wraps each as `{pattern, data}`. */
export class StatusEvents {
  readonly seen: CameraStatusChangedEvent[] = [];
  private readonly subscription: Subscription;

  constructor(connection: NatsConnection) {
    this.subscription = connection.subscribe(NatsSubjects.cameraStatusChanged, {
      callback: (error, msg) => {
        if (error) return;
        const body = msg.json<{ data?: CameraStatusChangedEvent } & CameraStatusChangedEvent>();
        this.seen.push(body.data ?? body);
      },
    });
  }

  async next(cameraId: number, status: CameraStatus, after: number, timeoutMs: number) {
    return eventually(async () => {
      const event = this.seen
        .slice(after)
        .find((e) => e.cameraId === cameraId && e.status === status);
      if (!event) throw new Error(`no ${status} event for camera ${cameraId} yet`);
      return event;
    }, timeoutMs);
  }

  close(): void {
    this.subscription.unsubscribe();
  }
}
