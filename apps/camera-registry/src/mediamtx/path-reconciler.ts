import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import type { CameraPathSource } from '../cameras/camera.model';
import { CameraService } from '../cameras/camera.service';
import { MediaMtxPaths, type PathConfigView } from './mediamtx-paths';
import { RECONCILE_ERRORS_METRIC, RECONCILE_LAST_SUCCESS_METRIC } from './mediamtx-sync.metrics';
import {
  cameraIdOfPath,
  cameraPathName,
  differingFields,
  pathConfigsFor,
  type CameraPathConfig,
} from './path-config';

/** A path MediaMTX should have, and the camera it belongs to. */
export interface DesiredPath {
  cameraId: number;
  config: CameraPathConfig;
}

export type PathAction =
  | { kind: 'add'; name: string; cameraId: number; config: CameraPathConfig }
  | { kind: 'patch'; name: string; cameraId: number; config: Partial<CameraPathConfig> }
  | { kind: 'delete'; name: string; cameraId: number };

/** The writes that turn `actual` into `desired`; empty when they already agree. Pure. */
export function planPaths(
  desired: ReadonlyMap<string, DesiredPath>,
  actual: readonly PathConfigView[],
): PathAction[] {
  const actions: PathAction[] = [];
  const present = new Map<string, PathConfigView>();
  for (const path of actual) {
    const cameraId = cameraIdOfPath(path.name);
    if (cameraId === null) continue;
    present.set(path.name, path);
    if (!desired.has(path.name)) actions.push({ kind: 'delete', name: path.name, cameraId });
  }
  for (const [name, { cameraId, config }] of desired) {
    const current = present.get(name);
    if (!current) {
      actions.push({ kind: 'add', name, cameraId, config });
      continue;
    }
    const fields = differingFields(config, current);
    if (fields.length) {
      actions.push({
        kind: 'patch',
        name,
        cameraId,
        config: Object.fromEntries(fields.map((field) => [field, config[field]])),
      });
    }
  }
  return actions;
}

/** The desired paths of the enabled cameras, by path name. */
export function desiredPaths(cameras: readonly CameraPathSource[]): Map<string, DesiredPath> {
  return new Map(
    cameras.flatMap((camera) =>
      pathConfigsFor(camera).map(([name, config]): [string, DesiredPath] => [
        name,
        { cameraId: camera.id, config },
      ]),
    ),
  );
}

/**
 * Makes MediaMTX's `cam_{id}` (and `cam_{id}_sub`) path configurations equal the enabled cameras. Runs are serialised and
 * triggers arriving during a run coalesce into one more run, so a burst of camera writes costs at most
 * two passes and two passes never interleave their writes.
 */
@Injectable()
export class PathReconciler {
  private readonly logger = new Logger(PathReconciler.name);
  private running: Promise<void> | undefined;
  private again = false;
  /** The desired state of the last run; undefined until one read the database. */
  private desired: Map<string, DesiredPath> | undefined;
  /** Why MediaMTX refused a path in the last run, by path name. */
  private readonly failures = new Map<string, string>();
  private readonly appliedListeners: ((cameraId: number) => void)[] = [];

  constructor(
    private readonly cameras: CameraService,
    private readonly paths: MediaMtxPaths,
    @InjectMetric(RECONCILE_ERRORS_METRIC) private readonly errors: Counter<string>,
    @InjectMetric(RECONCILE_LAST_SUCCESS_METRIC) private readonly lastSuccess: Gauge<string>,
  ) {}

  /** Resolves when a run that started after this call has finished. */
  trigger(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Whether MediaMTX no longer matches the last desired state (e.g. it restarted and lost the paths
   * added through the API). True before any run succeeded in reading the cameras, so start-up failures
   * are retried by the drift watcher.
   */
  hasDrift(actual: readonly PathConfigView[]): boolean {
    return !this.desired || planPaths(this.desired, actual).length > 0;
  }

  /** Whether a run has read the cameras; before that, path states say nothing about them. */
  get started(): boolean {
    return this.desired !== undefined;
  }

  /**
   * Why MediaMTX refused this camera's main path in the last run, if it did. The camera's status is
   * its main path's: a refused sub-stream leaves small tiles on the main stream, the camera online.
   */
  failureOf(cameraId: number): string | undefined {
    return this.failures.get(cameraPathName(cameraId));
  }

  /** Called with a camera id after its main path was added or changed, i.e. its source (re)connects. */
  onApplied(listener: (cameraId: number) => void): void {
    this.appliedListeners.push(listener);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.runOnce();
    } while (this.again);
  }

  private async runOnce(): Promise<void> {
    let actions: PathAction[];
    try {
      const desired = desiredPaths(await this.cameras.enabledPathSources());
      this.desired = desired;
      actions = planPaths(desired, await this.paths.listConfigs());
      for (const name of this.failures.keys()) if (!desired.has(name)) this.failures.delete(name);
    } catch (error) {
      this.errors.inc();
      this.logger.warn(`reconcile skipped: ${(error as Error).message}`);
      return;
    }
    let failed = 0;
    for (const action of actions) {
      try {
        await this.apply(action);
        this.failures.delete(action.name);
        if (action.kind !== 'delete' && action.name === cameraPathName(action.cameraId))
          this.appliedListeners.forEach((notify) => notify(action.cameraId));
      } catch (error) {
        failed++;
        this.errors.inc();
        const reason = `mediamtx: ${(error as Error).message}`;
        this.failures.set(action.name, reason);
        this.logger.warn(`${action.kind} ${action.name} failed: ${reason}`);
      }
    }
    if (actions.length) {
      this.logger.log(`reconciled ${actions.length - failed}/${actions.length} path changes`);
    }
    if (!failed) this.lastSuccess.set(Date.now() / 1000);
  }

  private apply(action: PathAction): Promise<void> {
    switch (action.kind) {
      case 'add':
        return this.paths.add(action.name, action.config);
      case 'patch':
        return this.paths.patch(action.name, action.config);
      case 'delete':
        return this.paths.delete(action.name);
    }
  }
}
