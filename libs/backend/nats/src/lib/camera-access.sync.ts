import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import type { ClientNats, ClientProxy } from '@nestjs/microservices';
import { CameraAccess } from '@gt-vision/backend-auth';
import {
  NatsSubjects,
  type CameraAccessGetRequest,
  type CameraAccessSnapshot,
} from '@gt-vision/shared-types';
import type { NatsConnection, Subscription } from 'nats';
import type { Subscription as RxSubscription } from 'rxjs';
import { NATS_CLIENT } from './nats.client';
import { natsRequest } from './nats.request';

/** Where the snapshot comes from: the registry's database there, a NATS request elsewhere. */
export abstract class CameraAccessLoader {
  abstract load(): Promise<CameraAccessSnapshot>;
}

/**
 * A safety net under the change broadcast, which NATS delivers at most once: a service that missed
 * one still has the new grants within this long. Fetching the snapshot is one small query.
 */
export const CAMERA_ACCESS_REFRESH_MS = 10_000;
const LOAD_TIMEOUT_MS = 3000;

/**
 * Keeps `CameraAccess` current: loads the snapshot at start-up, again on every `camera-access.changed`
 * (every replica of every service hears it: no queue group) and every CAMERA_ACCESS_REFRESH_MS. So a
 * grant change applies everywhere within milliseconds, at worst within the refresh interval, and no
 * request ever waits for the registry.
 */
@Injectable()
export class CameraAccessSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CameraAccess');
  private changes?: Subscription;
  private status?: RxSubscription;
  private timer?: NodeJS.Timeout;
  private loading?: Promise<void>;
  private again = false;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly loader: CameraAccessLoader,
    private readonly access: CameraAccess,
  ) {}

  onApplicationBootstrap(): void {
    this.status = this.client.status.subscribe((status) => {
      if (status === 'connected') this.connected();
    });
    this.timer = setInterval(() => void this.refresh(), CAMERA_ACCESS_REFRESH_MS);
    this.timer.unref();
    void this.refresh();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.status?.unsubscribe();
  }

  /** Loads the snapshot; a change heard during a load triggers one more, so none is missed. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          this.access.apply(await this.loader.load());
        } catch (error) {
          this.logger.warn(`camera permissions not refreshed: ${(error as Error).message}`);
        }
      } while (this.again);
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private connected(): void {
    // Changes broadcast while we were away are lost: load again.
    void this.refresh();
    this.changes ??= this.client
      .unwrap<NatsConnection>()
      .subscribe(NatsSubjects.cameraAccessChanged, {
        callback: (error) => {
          if (error) {
            this.logger.warn(`${NatsSubjects.cameraAccessChanged} failed: ${error.message}`);
          }
          void this.refresh();
        },
      });
  }
}

/** Other services: the snapshot is the registry's answer to `camera-access.get`. */
@Injectable()
export class NatsCameraAccessLoader extends CameraAccessLoader {
  constructor(@Inject(NATS_CLIENT) private readonly client: ClientProxy) {
    super();
  }

  load(): Promise<CameraAccessSnapshot> {
    return natsRequest<CameraAccessGetRequest, CameraAccessSnapshot>(
      this.client,
      NatsSubjects.cameraAccessGet,
      {},
      LOAD_TIMEOUT_MS,
    );
  }
}

/** Keeps the global `CameraAccess` current from `loader` (default: the registry, over NATS). */
@Module({})
export class CameraAccessSyncModule {
  static forRoot(loader: Type<CameraAccessLoader> = NatsCameraAccessLoader, imports: Type[] = []) {
    const providers: Provider[] = [
      { provide: CameraAccessLoader, useClass: loader },
      CameraAccessSync,
    ];
    return { module: CameraAccessSyncModule, imports, providers, exports: [CameraAccessSync] };
  }
}
