import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { hostname } from 'node:os';
import type { Gauge } from 'prom-client';
import { NatsConnectionSource } from '../cameras/nats-connection';
import { LeaseConfig } from '../config/frame-extraction.config';
import { CAMERAS_LEASED } from '../metrics/frame.metrics';
import { LeaseKeeper } from './lease-keeper';
import { openNatsLeaseStore } from './nats-lease.store';

export interface LeaseListener {
  /** The cameras wanted now (null while the camera set is unknown). */
  desired(): number[] | null;
  /** Stop reading these cameras; resolves once their readers are gone. */
  release(cameraIds: number[]): Promise<void>;
  /** The cameras this replica holds after a tick; not awaited by the tick (see `tick`). */
  held(cameraIds: number[]): Promise<void>;
}

/** Runs the LeaseKeeper every LEASE_RENEW_MS on the NATS KV bucket, and on demand after a change. */
@Injectable()
export class LeaseService implements OnApplicationShutdown {
  private readonly logger = new Logger('Leases');
  readonly replicaId: string;
  private keeper: LeaseKeeper | undefined;
  private listener: LeaseListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastError: string | undefined;

  constructor(
    private readonly config: LeaseConfig,
    private readonly nats: NatsConnectionSource,
    @InjectMetric(CAMERAS_LEASED) private readonly leased: Gauge,
  ) {
    this.replicaId = config.FRAME_REPLICA_ID ?? `${hostname()}-${process.pid}`;
    if (config.LEASE_RENEW_MS * 2 > config.LEASE_TTL_MS) {
      throw new Error(
        'LEASE_RENEW_MS: must be at most half of LEASE_TTL_MS, or leases expire between renewals',
      );
    }
  }

  start(listener: LeaseListener): void {
    this.listener = listener;
    this.tickSoon(0);
  }

  /** A camera changed: decide now rather than at the next renewal. */
  nudge(): void {
    if (this.running) this.again = true;
    else this.tickSoon(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (!this.keeper || !this.listener) return;
    await this.listener.release(this.keeper.heldCameras());
    await this.keeper.releaseAll();
    this.logger.log('leases released');
  }

  private tickSoon(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        const next = this.again ? 0 : this.config.LEASE_RENEW_MS;
        this.again = false;
        this.tickSoon(next);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    try {
      this.keeper ??= new LeaseKeeper(
        await openNatsLeaseStore(await this.nats.connection(), this.config.LEASE_TTL_MS),
        {
          replicaId: this.replicaId,
          ttlMs: this.config.LEASE_TTL_MS,
          renewMs: this.config.LEASE_RENEW_MS,
        },
      );
      const result = await this.keeper.tick(listener.desired(), (ids) => listener.release(ids));
      if (result.released.length > 0) await listener.release(result.released);
      // Starting readers can take seconds on a loaded machine; renewals wait for nothing but the bucket,
      // or the leases would lapse meanwhile and another replica read the same cameras.
      // The reader pool logs its own failures: a tick every 1.5 s must not repeat them.
      listener.held(result.held).catch(() => undefined);
      this.leased.set(result.held.length);
      if (this.lastError) this.logger.log('lease bucket reachable again');
      this.lastError = undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastError) this.logger.warn(`lease tick failed: ${message}`);
      this.lastError = message;
    }
  }
}
