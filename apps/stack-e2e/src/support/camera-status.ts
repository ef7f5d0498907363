import {
  NatsSubjects,
  type CameraResponseDto,
  type CameraStatus,
  type CameraStatusChangedEvent,
} from '@gt-vision/shared-types';
import type { NatsConnection, Subscription } from 'nats';
import { postOnLoopback } from './component-endpoints';
import { adminToken, edgeApi, eventually } from './stack';

const SIMULATOR = process.env['GTV_SIMULATOR_URL'] ?? 'http://127.0.0.1:3010';

/**
 * The camera simulator's control endpoint, on its loopback only: demo camera n is served as `sim_n` and
 * pulled as `cam_n`.
 */
export async function simulator(
  action: 'start' | 'stop' | 'pause' | 'resume',
  camera: number,
): Promise<void> {
  const status = await postOnLoopback(
    'camera-simulator',
    `${SIMULATOR}/cameras/${camera}/${action}`,
  );
  if (status < 200 || status > 299) {
    throw new Error(`simulator ${action} ${camera} answered ${status}`);
  }
}

/**
 * The id of "Demo camera n", registered by name (tools/stack/register-demo-cameras.sh): it is n only when
 * the demo cameras were the first cameras of the database, not on a deployment whose data outlived a run.
 */
export async function demoCameraId(n: number): Promise<number> {
  const res = await edgeApi<{ items: CameraResponseDto[] }>(
    'GET',
    '/api/cameras?tag=demo&limit=500',
    {
      token: await adminToken(),
    },
  );
  const camera = res.body.items?.find((c) => c.name === `Demo camera ${n}`);
  if (!camera)
    throw new Error(`no "Demo camera ${n}" (${res.status}): GTV_DEMO_CAMERAS=${n} or more`);
  return camera.id;
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
