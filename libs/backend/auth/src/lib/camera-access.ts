import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  Roles,
  type CameraAccessSnapshot,
  type CameraScopeV1,
  type GrantableRole,
} from '@gt-vision/shared-types';
import type { Principal } from './principal';

/** What a caller may see: every camera, or exactly these. */
export type CameraScope =
  | { readonly all: true }
  | { readonly all: false; readonly ids: ReadonlySet<number>; readonly key: string };

export const ALL_CAMERAS: CameraScope = { all: true };

function toScope(scope: CameraScopeV1 | undefined): CameraScope {
  if (scope?.all) return ALL_CAMERAS;
  const ids = [...new Set(scope?.cameraIds ?? [])].sort((a, b) => a - b);
  // `key` names the set: callers with the same cameras share cached answers (dashboard, lists).
  return { all: false, ids: new Set(ids), key: ids.join(',') };
}

/**
 * The camera permissions every service enforces, held in memory (see CameraAccessSnapshot for the
 * rules). The snapshot is loaded and kept current by `CameraAccessSync` (backend-nats): from the
 * registry over NATS in other services, from the database in the registry. Until the first snapshot
 * arrives, restricted callers get 503: an unknown scope is neither a yes nor a no.
 */
@Injectable()
export class CameraAccess {
  private snapshot: CameraAccessSnapshot | undefined;
  private readonly scopes = new Map<string, CameraScope>();

  get revision(): number | undefined {
    return this.snapshot?.revision;
  }

  /** Takes a snapshot unless it is older than the one held (replies may cross events). */
  apply(snapshot: CameraAccessSnapshot): boolean {
    if (this.snapshot && snapshot.revision < this.snapshot.revision) return false;
    this.snapshot = snapshot;
    this.scopes.clear();
    return true;
  }

  scopeOf(principal: Principal): CameraScope {
    if (principal.kind === 'service' || principal.role === Roles.admin) return ALL_CAMERAS;
    const snapshot = this.snapshot;
    if (!snapshot) {
      throw new ServiceUnavailableException('camera permissions not loaded yet; retry shortly');
    }
    const cacheKey = `${principal.kind}:${principal.id}:${principal.role}`;
    let scope = this.scopes.get(cacheKey);
    if (!scope) {
      const own = principal.kind === 'user' ? snapshot.users[principal.id] : undefined;
      scope = toScope(own ?? snapshot.roles[principal.role as GrantableRole]);
      this.scopes.set(cacheKey, scope);
    }
    return scope;
  }

  /** Whether the caller may see this camera's data (live, recordings, detections, alerts). */
  allows(principal: Principal, cameraId: number): boolean {
    return mayAccess(this.scopeOf(principal), cameraId);
  }

  /**
   * For a resource that belongs to one camera (the camera itself, a detection, an alert): an
   * ungranted camera's resource answers the same 404 as a missing one, so its existence stays hidden.
   */
  assertVisible(principal: Principal, cameraId: number, notFound: () => NotFoundException): void {
    if (!this.allows(principal, cameraId)) throw notFound();
  }

  /** For a filter naming a camera (`?cameraId=`): 403 rather than a silently empty answer. */
  assertFilterAllowed(principal: Principal, cameraId: number | undefined): void {
    if (cameraId !== undefined && !this.allows(principal, cameraId)) {
      throw new ForbiddenException({
        message: `camera ${cameraId} is not granted to you`,
        details: [{ field: 'cameraId', problem: 'is not among the cameras granted to you' }],
      });
    }
  }
}

export function mayAccess(scope: CameraScope, cameraId: number): boolean {
  return scope.all || scope.ids.has(cameraId);
}

/** The ids a query must stay within, or undefined when every camera is allowed. */
export function scopedIds(scope: CameraScope): number[] | undefined {
  return scope.all ? undefined : [...scope.ids];
}
