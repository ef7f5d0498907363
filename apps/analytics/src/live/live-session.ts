import { Logger } from '@nestjs/common';
import { isAllowed, type Principal } from '@gt-vision/backend-auth';
import {
  LIVE_PROTOCOL_VERSION,
  LiveCloseCodes,
  Roles,
  type LiveClientMessage,
  type LiveServerMessage,
} from '@gt-vision/shared-types';
import type { LiveClient } from './live-client';
import { parseLiveMessage } from './live-message';

/** Who may watch: users of every role (and the internal service, as everywhere). */
const WATCHERS = [Roles.admin, Roles.operator, Roles.viewer];

export interface LiveSessionDeps {
  /** An access token to a principal; rejects (401-like) when it is not valid. */
  authenticate(token: string): Promise<Principal>;
  /** The client is authenticated: it may receive broadcasts from now on. */
  join(client: LiveClient): void;
  /** The client's `subscribe` / `unsubscribe`: detections of these cameras from now on, or no more. */
  follow(client: LiveClient, cameraIds: readonly number[]): void;
  unfollow(client: LiveClient, cameraIds: readonly number[]): void;
  dropped(reason: 'unauthorized' | 'bad-message'): void;
  authTimeoutMs: number;
}

/**
 * The protocol of one connection, after the upgrade: until authenticated, the only message accepted
 * is `auth` (or the query token already did it); none within `authTimeoutMs` closes the connection.
 * Messages are handled one at a time in arrival order, so `subscribe` sent right after `auth`
 * applies once the token is checked.
 */
export class LiveSession {
  private readonly logger = new Logger('LiveSession');
  private inbox: Promise<void> = Promise.resolve();
  private readonly authTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LiveClient,
    private readonly deps: LiveSessionDeps,
    principal?: Principal,
  ) {
    if (principal) this.ready(principal);
    else {
      this.authTimer = setTimeout(
        () => this.refuse('unauthorized', 'no auth message in time'),
        deps.authTimeoutMs,
      );
      this.authTimer.unref();
    }
  }

  received(raw: string): void {
    this.inbox = this.inbox
      .then(() => this.handle(raw))
      .catch((error: Error) => this.logger.warn(`live message failed: ${error.message}`));
  }

  ended(): void {
    clearTimeout(this.authTimer);
  }

  private async handle(raw: string): Promise<void> {
    if (!this.client.open) return;
    const parsed = parseLiveMessage(raw);
    if ('problem' in parsed) return this.refuse('bad-message', parsed.problem);
    const { message } = parsed;
    if (message.type === 'auth') return this.authenticate(message.token);
    if (!this.client.principal) {
      return this.refuse('unauthorized', 'send {"type":"auth","token":…} first');
    }
    this.subscription(message);
  }

  /** The first auth admits the client; a later one (a refreshed token) must be valid too. */
  private async authenticate(token: string): Promise<void> {
    let principal: Principal;
    try {
      principal = await this.deps.authenticate(token);
    } catch (error) {
      return this.refuse('unauthorized', (error as Error).message || 'invalid token');
    }
    if (!isAllowed(principal, WATCHERS)) {
      return this.refuse('unauthorized', `role ${principal.role} may not watch live`);
    }
    if (!this.client.principal) this.ready(principal);
    else this.client.principal = principal;
  }

  private ready(principal: Principal): void {
    clearTimeout(this.authTimer);
    this.client.principal = principal;
    this.deps.join(this.client);
    this.send({ type: 'ready', version: LIVE_PROTOCOL_VERSION });
  }

  private subscription(message: Exclude<LiveClientMessage, { type: 'auth' }>): void {
    if (message.type === 'subscribe') this.deps.follow(this.client, message.cameraIds);
    else this.deps.unfollow(this.client, message.cameraIds);
  }

  private refuse(reason: 'unauthorized' | 'bad-message', message: string): void {
    if (!this.client.open) return;
    this.deps.dropped(reason);
    this.send({ type: 'error', message });
    const code =
      reason === 'unauthorized' ? LiveCloseCodes.unauthorized : LiveCloseCodes.badMessage;
    // A close reason is limited to 123 bytes; the full text went in the error message.
    this.client.close(code, message.slice(0, 120));
  }

  private send(message: LiveServerMessage): void {
    this.client.send(JSON.stringify(message));
  }
}
