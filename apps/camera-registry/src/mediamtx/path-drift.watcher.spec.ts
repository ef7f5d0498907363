import { Subject } from 'rxjs';
import type { CameraChangedEvent } from '@gt-vision/shared-types';
import type { CameraEvents } from '../cameras/camera-events';
import type { MediaMtxPaths } from './mediamtx-paths';
import { FakeMediaMtxPaths } from './mediamtx-paths.fake';
import { PathDriftWatcher } from './path-drift.watcher';
import type { PathReconciler } from './path-reconciler';

function setup(drift: boolean) {
  const mediamtx = new FakeMediaMtxPaths();
  const reconciler = { trigger: jest.fn(async () => undefined), hasDrift: jest.fn(() => drift) };
  const changes = new Subject<CameraChangedEvent>();
  const watcher = new PathDriftWatcher(
    reconciler as unknown as PathReconciler,
    mediamtx as unknown as MediaMtxPaths,
    { changes$: changes } as unknown as CameraEvents,
  );
  return { mediamtx, reconciler, changes, watcher };
}

describe('PathDriftWatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('reconciles only when MediaMTX differs from the desired state', async () => {
    const quiet = setup(false);
    await quiet.watcher.check();
    expect(quiet.reconciler.trigger).not.toHaveBeenCalled();

    const drifted = setup(true);
    await drifted.watcher.check();
    expect(drifted.reconciler.trigger).toHaveBeenCalledTimes(1);
  });

  it('does not take an unreachable MediaMTX for drift', async () => {
    const { mediamtx, reconciler, watcher } = setup(true);
    mediamtx.down = true;
    await expect(watcher.check()).rejects.toThrow('fetch failed');
    expect(reconciler.trigger).not.toHaveBeenCalled();
  });

  it('reconciles at start-up and on every camera change, and stops with the app', async () => {
    jest.useFakeTimers();
    const { reconciler, changes, watcher } = setup(false);
    watcher.onApplicationBootstrap();
    expect(reconciler.trigger).toHaveBeenCalledTimes(1);
    changes.next({ eventId: 'e1', cameraId: 3, change: 'updated', at: new Date().toISOString() });
    expect(reconciler.trigger).toHaveBeenCalledTimes(2);

    await jest.advanceTimersByTimeAsync(4100);
    expect(reconciler.hasDrift).toHaveBeenCalledTimes(3);
    await watcher.onApplicationShutdown();
    changes.next({ eventId: 'e2', cameraId: 3, change: 'deleted', at: new Date().toISOString() });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(reconciler.trigger).toHaveBeenCalledTimes(2);
    expect(reconciler.hasDrift).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });
});
