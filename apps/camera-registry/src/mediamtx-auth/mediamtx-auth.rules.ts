import type { UserRole } from '@gt-vision/shared-types';
import { cameraIdOfPath } from '../mediamtx/path-config';

/** What MediaMTX (authMethod: http) posts for every publish, read, playback, api, metrics and pprof request. */
export interface MediaMtxAuthRequest {
  ip: string;
  user: string;
  password: string;
  token: string;
  action: string;
  path: string;
  protocol: string;
  query: string;
  /** MediaMTX's id of the session being opened (null for the control API, metrics and playback). */
  id?: string | null;
}

/** Who presented the credential, as the registry's Authenticator established it. */
export type MediaMtxCaller =
  | { kind: 'none' }
  | { kind: 'service' }
  | { kind: 'user'; role: UserRole; id?: string; username?: string }
  | { kind: 'refused'; reason: string };

/** What the registry established about a request before deciding it. */
export interface MediaMtxFacts {
  /** The camera of a `cam_<id>` path exists and is enabled (false for other paths). */
  cameraEnabled: boolean;
  /** The caller may watch that camera (its camera permissions). */
  cameraGranted: boolean;
}

export interface MediaMtxDecision {
  allow: boolean;
  reason: string;
}

/**
 * The credential of a request: `token` (MediaMTX fills it from `Authorization: Bearer`, or from the
 * password of RTSP/RTMP clients), else `?token=` in the query, which MediaMTX only extracts itself for
 * RTSP/RTMP, not for HLS, WebRTC or playback.
 */
export function credentialOf(
  req: Pick<MediaMtxAuthRequest, 'token' | 'password' | 'query'>,
): string {
  if (req.token) return req.token;
  if (req.password) return req.password;
  return new URLSearchParams(req.query).get('token') ?? '';
}

const allow = (reason: string): MediaMtxDecision => ({ allow: true, reason });
const deny = (reason: string): MediaMtxDecision => ({ allow: false, reason });

/** Whether MediaMTX may serve a request. */
export function decideMediaMtxAccess(
  req: MediaMtxAuthRequest,
  caller: MediaMtxCaller,
  facts: MediaMtxFacts,
): MediaMtxDecision {
  if (caller.kind === 'refused') return deny(caller.reason);
  switch (req.action) {
    case 'read':
    case 'playback': {
      if (cameraIdOfPath(req.path) === null) return deny(`no camera path ${req.path}`);
      // Users of every role watch the cameras granted to them; GT-Vision's own services watch all.
      if (caller.kind === 'none') return deny('missing token');
      // Before the enabled check, so that a refusal does not tell whether an ungranted camera exists.
      if (!facts.cameraGranted) return deny(`camera ${req.path} is not granted to this user`);
      return facts.cameraEnabled
        ? allow('camera viewer')
        : deny(`camera ${req.path} is unknown or disabled`);
    }
    case 'publish':
      // Every camera path pulls from its camera's source, as the demo cameras do from the simulator's
      // RTSP server: nothing is ever pushed into MediaMTX.
      return deny(`publishing to ${req.path} is not allowed`);
    case 'api':
    case 'pprof':
      // The API returns path configurations, camera source passwords included: GT-Vision's own
      // services only, never a person (admins manage cameras through the registry's API, which never
      // returns a credential).
      return caller.kind === 'service'
        ? allow('internal service')
        : deny(`${req.action} needs the internal service token`);
    case 'metrics':
      if (caller.kind === 'service') return allow('internal service');
      if (caller.kind === 'user' && caller.role === 'admin') return allow('admin');
      return deny('metrics need the internal service token or an admin');
    default:
      return deny(`unknown action ${req.action}`);
  }
}
