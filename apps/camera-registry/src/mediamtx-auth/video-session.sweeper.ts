import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  UnauthorizedException,
} from '@nestjs/common';
import { Authenticator, CameraAccess } from '@gt-vision/backend-auth';
import { MediaMtxClient } from '@gt-vision/backend-mediamtx';
import { Poller } from '@gt-vision/backend-poller';
import { cameraIdOfPath } from '../mediamtx/path-config';
import { VideoSessionStore } from './video-session.store';

/**
 * Every 2 s: a revoked viewer stops receiving video within about 2 s plus one HLS part (the player's
 * next request after the kick gets a 404 and must authorise again, which fails).
 */
export const VIDEO_SESSION_SWEEP_MS = 2000;

/** A reading session as MediaMTX lists it; `kind` names its list and kick endpoints. */
export interface VideoSession {
  kind: 'hlssessions' | 'webrtcsessions' | 'rtspsessions';
  id: string;
  path: string;
}

interface SessionList {
  items: { id: string; path: string; state?: string; peerConnectionEstablished?: boolean }[];
}

const KINDS = ['hlssessions', 'webrtcsessions', 'rtspsessions'] as const;
/** MediaMTX lists at most this many per page; one page covers any single node we run. */
const PAGE = 10_000;

/**
 * Ends every camera video session whose credential no longer authenticates (user deleted or disabled,
 * logged out, token expired) or whose camera is no longer granted to its viewer, and every session no
 * credential is on record for. Playback needs no sweeping: MediaMTX authorises each playback request
 * on its own.
 */
@Injectable()
export class VideoSessionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VideoSessionSweeper.name);
  private readonly poller = new Poller('video session sweep', VIDEO_SESSION_SWEEP_MS, () =>
    this.sweep(),
  );

  constructor(
    private readonly mediamtx: MediaMtxClient,
    private readonly sessions: VideoSessionStore,
    private readonly authenticator: Authenticator,
    private readonly access: CameraAccess,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async sweep(): Promise<void> {
    const open = await this.cameraReaders();
    const credentials = await this.sessions.credentialsOf(open.map((session) => session.id));
    const valid: string[] = [];
    for (const [index, session] of open.entries()) {
      const reason = await this.invalidity(credentials[index], session.path);
      if (reason === null) valid.push(session.id);
      else await this.kick(session, reason);
    }
    await this.sessions.confirm(valid);
  }

  /**
   * Sessions reading a camera path; anything else MediaMTX lists is left alone,
   * and so is a WebRTC session until its peer connection is up. MediaMTX lists a WHEP session (state
   * "read") from its POST on, before it has asked us to authorise it, and that request waits in
   * MediaMTX's queue behind every other viewer's: with no credential on record yet, such a session was
   * ended while it set up (WHEP 400 "terminated"). It can read nothing before it is authorised, and once
   * connected it was, with its credential on record, so it is checked from then on.
   */
  private async cameraReaders(): Promise<VideoSession[]> {
    const lists = await Promise.all(
      KINDS.map(async (kind) => {
        const list = await this.mediamtx.request<SessionList>(
          'GET',
          `/v3/${kind}/list?itemsPerPage=${PAGE}`,
        );
        return list.items
          .filter((item) => cameraIdOfPath(item.path) !== null)
          .filter((item) => item.state === undefined || item.state === 'read')
          .filter((item) => item.peerConnectionEstablished !== false)
          .map((item) => ({ kind, id: item.id, path: item.path }));
      }),
    );
    return lists.flat();
  }

  /** Why a session must end, or null while its credential authenticates and its camera is granted. */
  private async invalidity(credential: string | null, path: string): Promise<string | null> {
    if (credential === null) return 'no credential on record';
    try {
      const principal = await this.authenticator.authenticate({
        headers: { authorization: `Bearer ${credential}` },
      });
      const cameraId = cameraIdOfPath(path);
      if (cameraId !== null && !this.access.allows(principal, cameraId)) {
        return 'camera no longer granted';
      }
      return null;
    } catch (error) {
      // 503 (revocation list unreachable) throws on: the poll fails and nothing is kicked blindly.
      if (error instanceof UnauthorizedException) return error.message;
      throw error;
    }
  }

  private async kick(session: VideoSession, reason: string): Promise<void> {
    try {
      await this.mediamtx.request('POST', `/v3/${session.kind}/kick/${session.id}`);
      this.logger.log(`ended ${session.kind} ${session.id} on ${session.path}: ${reason}`);
    } catch (error) {
      // Gone already (closed between list and kick) is the outcome we wanted.
      this.logger.debug(`kick of ${session.id}: ${(error as Error).message}`);
    }
    await this.sessions.forget(session.id);
  }
}
