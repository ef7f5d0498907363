import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Authenticator, type Principal } from '@gt-vision/backend-auth';
import { ShutdownState } from '@gt-vision/backend-health';
import { LiveCloseCodes } from '@gt-vision/shared-types';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Counter } from 'prom-client';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LiveClient } from './live-client';
import { LiveSession } from './live-session';
import { LiveTokenStore } from './live-token.store';
import { LiveConfig } from './live.config';
import { LiveHub } from './live.hub';
import { LIVE_DROPPED_METRIC } from './live.metrics';

const PATHS = new Set(['/ws/live', '/ws/live/']);
/** Client frames are small control messages; anything larger is refused by `ws` itself. */
const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

/** Refuses an upgrade with a plain HTTP answer (the WebSocket never opens). */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = JSON.stringify({ statusCode: status, error: text, message: text, details: [] });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * `/ws/live/` on the service's own HTTP server (the `upgrade` event, `ws` in noServer mode), so it
 * shares the port, the edge route and the bootstrap of every other route. Authentication: a one-time
 * `?token=` checked before the upgrade (401 without a WebSocket), or an `auth` message after it.
 */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
  });
  private readonly sockets = new Set<WebSocket>();
  private stopping = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly hub: LiveHub,
    private readonly tokens: LiveTokenStore,
    private readonly authenticator: Authenticator,
    private readonly config: LiveConfig,
    private readonly shutdown: ShutdownState,
    @InjectMetric(LIVE_DROPPED_METRIC) private readonly dropped: Counter<string>,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node hands an upgrading socket over without its 'error' listener: a peer that resets it
      // while the token is being checked (or after a refusal) would otherwise throw and end the
      // process. A reset socket is closed anyway; `ws` adds its own listener once it takes over.
      socket.on('error', () => socket.destroy());
      this.upgrade(req, socket, head).catch((error: Error) => {
        this.logger.warn(`live upgrade failed: ${error.message}`);
        socket.destroy();
      });
    });
    this.shutdown.onDraining(() => this.stop());
  }

  onApplicationShutdown(): void {
    this.stop();
    for (const socket of this.sockets) socket.terminate();
  }

  private stop(): void {
    this.stopping = true;
    for (const socket of this.sockets)
      socket.close(LiveCloseCodes.goingAway, 'server stopping: reconnect');
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!PATHS.has(url.pathname)) return refuseUpgrade(socket, 404, 'Not Found');
    if (this.stopping) return refuseUpgrade(socket, 503, 'Service Unavailable');
    let principal: Principal | undefined;
    const token = url.searchParams.get('token');
    if (token !== null) {
      let redeemed: Principal | null;
      try {
        redeemed = await this.tokens.redeem(token);
      } catch {
        return refuseUpgrade(socket, 503, 'Service Unavailable');
      }
      if (!redeemed) {
        this.dropped.inc({ reason: 'unauthorized' });
        return refuseUpgrade(socket, 401, 'Unauthorized');
      }
      principal = redeemed;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, principal));
  }

  private connected(ws: WebSocket, principal: Principal | undefined): void {
    this.sockets.add(ws);
    const client = new LiveClient(ws, this.config.LIVE_MAX_BUFFERED_BYTES, (reason) =>
      this.dropped.inc({ reason }),
    );
    const session = new LiveSession(
      client,
      {
        authenticate: (token) =>
          this.authenticator.authenticate({ headers: { authorization: `Bearer ${token}` } }),
        join: (joined) => this.hub.add(joined),
        follow: (follower, cameraIds) => this.hub.follow(follower, cameraIds),
        unfollow: (follower, cameraIds) => this.hub.unfollow(follower, cameraIds),
        dropped: (reason) => this.dropped.inc({ reason }),
        authTimeoutMs: this.config.LIVE_AUTH_TIMEOUT_MS,
      },
      principal,
    );
    ws.on('message', (data: RawData, isBinary: boolean) =>
      session.received(isBinary ? '' : data.toString()),
    );
    // Errors (a bad frame, a reset) end in `close` too; the listener keeps them from being thrown.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      session.ended();
      this.hub.remove(client);
      this.sockets.delete(ws);
    });
  }
}
