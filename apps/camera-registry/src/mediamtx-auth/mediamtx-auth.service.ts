import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Authenticator, CameraAccess, type Principal } from '@gt-vision/backend-auth';
import { cameraIdOfPath } from '../mediamtx/path-config';
import { EnabledCamerasCache } from './enabled-cameras.cache';
import { VideoSessionAudit } from './video-session.audit';
import { VideoSessionStore } from './video-session.store';
import {
  credentialOf,
  decideMediaMtxAccess,
  type MediaMtxAuthRequest,
  type MediaMtxCaller,
} from './mediamtx-auth.rules';

/** Answers MediaMTX's per-session authorisation requests (authMethod: http). */
@Injectable()
export class MediaMtxAuthService {
  private readonly logger = new Logger('MediaMtxAuth');

  constructor(
    private readonly authenticator: Authenticator,
    private readonly cameras: EnabledCamerasCache,
    private readonly sessions: VideoSessionStore,
    private readonly audit: VideoSessionAudit,
    private readonly access: CameraAccess,
  ) {}

  /** Resolves when MediaMTX may serve the request; throws the 401 (or 503) it should refuse it with. */
  async authorise(req: MediaMtxAuthRequest): Promise<void> {
    const credential = credentialOf(req);
    let principal: Principal | undefined;
    const caller = await this.callerOf(credential, (p) => (principal = p));
    const cameraId = cameraIdOfPath(req.path);
    const needsCamera =
      cameraId !== null &&
      (req.action === 'read' || req.action === 'playback') &&
      caller.kind !== 'none' &&
      caller.kind !== 'refused';
    const decision = decideMediaMtxAccess(req, caller, {
      cameraEnabled: needsCamera ? await this.cameras.isEnabled(cameraId) : false,
      cameraGranted: needsCamera && principal ? this.access.allows(principal, cameraId) : true,
    });
    if (!decision.allow) {
      this.logger.debug(`refused ${req.action} ${req.path} (${req.protocol}): ${decision.reason}`);
      throw new UnauthorizedException(decision.reason);
    }
    // A camera session outlives this check (HLS rides on its session cookie): keep the credential so
    // that the sweeper ends the session when the credential stops being valid. Fails closed: no
    // record, no session.
    if (needsCamera && req.id) await this.sessions.remember(req.id, credential);
    if (needsCamera && caller.kind === 'user' && caller.id && caller.username) {
      await this.audit.opened({ id: caller.id, username: caller.username }, cameraId, req);
    }
  }

  /** The same check as every API route: the internal service token, or an unrevoked access JWT. */
  private async callerOf(
    credential: string,
    found: (principal: Principal) => void,
  ): Promise<MediaMtxCaller> {
    if (!credential) return { kind: 'none' };
    try {
      const principal = await this.authenticator.authenticate({
        headers: { authorization: `Bearer ${credential}` },
      });
      found(principal);
      if (principal.kind === 'service') return { kind: 'service' };
      if (principal.kind === 'user') {
        return {
          kind: 'user',
          role: principal.role,
          id: principal.id,
          username: principal.username,
        };
      }
      return { kind: 'refused', reason: 'API keys cannot be used for video' };
    } catch (error) {
      // 401 becomes a refusal; 503 (revocation list unreachable) fails closed with its own status.
      if (error instanceof UnauthorizedException) return { kind: 'refused', reason: error.message };
      throw error;
    }
  }
}
