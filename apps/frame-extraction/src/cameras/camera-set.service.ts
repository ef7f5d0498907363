import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { NATS_CLIENT, natsRequest } from '@gt-vision/backend-nats';
import {
  CAMERA_MESSAGES_VERSION,
  NatsSubjects,
  type CameraLprEnabledReply,
  type LprCamera,
} from '@gt-vision/shared-types';
import { Events, type Subscription } from 'nats';
import { LeaseConfig } from '../config/frame-extraction.config';
import { NatsConnectionSource } from './nats-connection';

const REQUEST_TIMEOUT_MS = 3000;
const RETRY_MS = 2000;
/** Several changes in a burst (a bulk edit) cause one re-read. */
const DEBOUNCE_MS = 200;

/**
 * The cameras whose frames go to plate recognition (enabled, LPR on), as the registry answers
 * `camera.lpr-enabled`. Re-read when the registry announces a change (`camera.changed`, received by
 * every replica), after a NATS reconnect (events may have been missed) and every CAMERA_REFRESH_MS.
 */
@Injectable()
export class CameraSetService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CameraSet');
  private cameras = new Map<number, LprCamera>();
  private loaded = false;
  private listener: (cameras: LprCamera[]) => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private stopped = false;
  private lastError: string | undefined;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly nats: NatsConnectionSource,
    private readonly config: LeaseConfig,
  ) {}

  onChange(listener: (cameras: LprCamera[]) => void): void {
    this.listener = listener;
  }

  /** Null until the first answer from the registry: no answer is not the same as no cameras. */
  current(): LprCamera[] | null {
    return this.loaded ? [...this.cameras.values()] : null;
  }

  onApplicationBootstrap(): void {
    void this.subscribe();
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.subscription?.unsubscribe();
  }

  private async subscribe(): Promise<void> {
    const connection = await this.nats.connection();
    if (this.stopped) return;
    this.subscription = connection.subscribe(NatsSubjects.cameraChanged, {
      callback: () => this.schedule(DEBOUNCE_MS),
    });
    for await (const status of connection.status()) {
      if (status.type === Events.Reconnect) this.schedule(0);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    try {
      const reply = await natsRequest<object, CameraLprEnabledReply>(
        this.client,
        NatsSubjects.cameraLprEnabled,
        {},
        REQUEST_TIMEOUT_MS,
      );
      if (reply.version !== CAMERA_MESSAGES_VERSION)
        throw new Error(`unknown reply version ${reply.version}`);
      this.apply(reply.cameras);
      if (this.lastError) this.logger.log('camera set read again');
      this.lastError = undefined;
      this.schedule(this.config.CAMERA_REFRESH_MS);
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastError) this.logger.warn(`cannot read the LPR cameras: ${message}`);
      this.lastError = message;
      this.schedule(RETRY_MS);
    }
  }

  private apply(cameras: LprCamera[]): void {
    const next = new Map(cameras.map((camera) => [camera.id, camera]));
    const changed =
      !this.loaded ||
      next.size !== this.cameras.size ||
      cameras.some((c) => {
        const before = this.cameras.get(c.id);
        return !before || before.path !== c.path || before.lpr.fps !== c.lpr.fps;
      });
    this.cameras = next;
    this.loaded = true;
    if (changed) {
      this.logger.log(`${next.size} cameras with LPR on`);
      this.listener(cameras);
    }
  }
}
