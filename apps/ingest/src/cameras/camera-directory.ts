import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { NATS_CLIENT, natsRequest } from '@gt-vision/backend-nats';
import {
  CAMERA_LIST_MAX_IDS,
  NatsSubjects,
  type CameraChangedEvent,
  type CameraListReply,
  type CameraListRequest,
  type CameraSummary,
} from '@gt-vision/shared-types';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import type { Subscription as RxSubscription } from 'rxjs';
import { CameraDirectoryConfig } from './camera-directory.config';

/** The registry could not be asked: whether the camera exists is unknown, so 503, not 422. */
export class CameraLookupUnavailableException extends ServiceUnavailableException {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('cameras cannot be looked up right now; retry shortly');
  }
}

interface Entry {
  camera: CameraSummary | null;
  expiresAt: number;
}

/**
 * Cameras as camera-registry knows them, asked over NATS (`camera.list` with the ids missing from the
 * cache, one request for a whole batch) and cached. `camera.changed` drops a camera's entry at once,
 * and a reconnect drops them all (events sent meanwhile were missed). Unknown cameras are cached too,
 * so a client sending a wrong id does not cost a registry request each time.
 */
@Injectable()
export class CameraDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CameraDirectory.name);
  private readonly cache = new Map<number, Entry>();
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Bumped by every invalidation: a look-up started before one must not store its stale answer. */
  private generation = 0;
  private changes?: Subscription;
  private status?: RxSubscription;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly config: CameraDirectoryConfig,
  ) {}

  /** Each camera by id (null when it does not exist). */
  async getMany(ids: readonly number[]): Promise<Map<number, CameraSummary | null>> {
    const now = Date.now();
    const missing = ids.filter((id) => !this.fresh(id, now) && !this.inFlight.has(id));
    if (missing.length > 0) this.fetch(missing);
    await Promise.all(ids.map((id) => this.inFlight.get(id)));
    const found = new Map<number, CameraSummary | null>();
    for (const id of ids) {
      const entry = this.cache.get(id);
      // Only when the entry was dropped by an event between the fetch and now: ask again.
      if (!entry) return this.getMany(ids);
      found.set(id, entry.camera);
    }
    return found;
  }

  onApplicationBootstrap(): void {
    this.status = this.client.status.subscribe((status) => {
      if (status === 'connected') this.connected();
    });
  }

  onApplicationShutdown(): void {
    this.status?.unsubscribe();
  }

  private fresh(id: number, now: number): boolean {
    const entry = this.cache.get(id);
    return entry !== undefined && entry.expiresAt > now;
  }

  private fetch(ids: number[]): void {
    for (let start = 0; start < ids.length; start += CAMERA_LIST_MAX_IDS) {
      const chunk = ids.slice(start, start + CAMERA_LIST_MAX_IDS);
      const request = this.ask(chunk).finally(() => {
        for (const id of chunk) if (this.inFlight.get(id) === request) this.inFlight.delete(id);
      });
      for (const id of chunk) this.inFlight.set(id, request);
    }
  }

  private async ask(ids: number[]): Promise<void> {
    const generation = this.generation;
    let reply: CameraListReply;
    try {
      reply = await natsRequest<CameraListRequest, CameraListReply>(
        this.client,
        NatsSubjects.cameraList,
        { ids },
        this.config.INGEST_CAMERA_LOOKUP_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn(`camera look-up failed: ${(error as Error).message}`);
      throw new CameraLookupUnavailableException();
    }
    if (generation !== this.generation) return;
    const expiresAt = Date.now() + this.config.INGEST_CAMERA_CACHE_TTL_MS;
    const byId = new Map(reply.cameras.map((camera) => [camera.id, camera]));
    for (const id of ids) this.cache.set(id, { camera: byId.get(id) ?? null, expiresAt });
  }

  private connected(): void {
    this.invalidate();
    // nats.js renews the subscription on reconnect. No queue group: every replica keeps its own cache.
    this.changes ??= this.client.unwrap<NatsConnection>().subscribe(NatsSubjects.cameraChanged, {
      callback: (error, msg) => this.changed(error, msg),
    });
  }

  private changed(error: NatsError | null, msg: Msg): void {
    if (error) {
      this.logger.warn(`${NatsSubjects.cameraChanged} subscription failed: ${error.message}`);
      return;
    }
    let cameraId: unknown;
    try {
      // Published with Nest's emit, which wraps the event as `{pattern, data}`.
      cameraId = msg.json<{ data?: Partial<CameraChangedEvent> }>().data?.cameraId;
    } catch {
      cameraId = undefined;
    }
    this.invalidate(typeof cameraId === 'number' ? cameraId : undefined);
  }

  /** Drops one camera, or every camera when the event does not say which. */
  private invalidate(cameraId?: number): void {
    this.generation++;
    if (cameraId === undefined) this.cache.clear();
    else this.cache.delete(cameraId);
  }
}
