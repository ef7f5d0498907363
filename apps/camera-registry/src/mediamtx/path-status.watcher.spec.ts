import type { Counter } from 'prom-client';
import type { CameraEvents } from '../cameras/camera-events';
import { FakeCameraRepository } from '../cameras/camera.repository.fake';
import type { CameraRepository } from '../cameras/camera.repository';
import type { MediaMtxPaths } from './mediamtx-paths';
import { FakeMediaMtxPaths } from './mediamtx-paths.fake';
import type { PathReconciler } from './path-reconciler';
import { CONNECT_GRACE_MS } from './path-status';
import { PathStatusWatcher } from './path-status.watcher';

async function setup() {
  const repository = new FakeCameraRepository();
  const camera = await repository.insert({
    name: 'Gate',
    sourceUrl: 'rtsp://gate.local/stream',
    sourceCredentials: null,
    location: null,
    tags: [],
    recordingEnabled: true,
    retentionDays: 7,
    lprEnabled: false,
    lprFps: 1,
    enabled: true,
    status: 'connecting',
  });
  const mediamtx = new FakeMediaMtxPaths();
  let applied: (cameraId: number) => void = () => undefined;
  const failures = new Map<number, string>();
  const reconciler = {
    started: true,
    failureOf: (id: number) => failures.get(id),
    onApplied: (listener: (cameraId: number) => void) => (applied = listener),
  };
  const events = { statusChanged: jest.fn() };
  const errors = { inc: jest.fn() };
  const watcher = new PathStatusWatcher(
    repository as unknown as CameraRepository,
    mediamtx as unknown as MediaMtxPaths,
    reconciler as unknown as PathReconciler,
    events as unknown as CameraEvents,
    errors as unknown as Counter<string>,
  );
  /** What the reconciler does for a new or changed camera. */
  const configure = () => {
    mediamtx.configs.set('cam_1', { source: 'rtsp://gate.local/stream' });
    applied(camera.id);
  };
  const status = () => repository.rows.get(camera.id)?.status;
  return { repository, mediamtx, failures, events, errors, watcher, configure, status };
}

describe('PathStatusWatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps a configured camera connecting, then online when its path is ready, with history and event', async () => {
    const { repository, mediamtx, events, watcher, configure, status } = await setup();
    configure();
    await watcher.poll();
    expect(status()).toBe('connecting');
    expect(events.statusChanged).not.toHaveBeenCalled();

    mediamtx.ready.add('cam_1');
    await watcher.poll();
    expect(status()).toBe('online');
    expect(repository.statusHistory).toEqual([{ id: 1, status: 'online', reason: 'path ready' }]);
    expect(events.statusChanged).toHaveBeenCalledWith({
      version: 1,
      cameraId: 1,
      path: 'cam_1',
      status: 'online',
      previous: 'connecting',
      since: repository.rows.get(1)?.statusSince.toISOString(),
      reason: 'path ready',
    });
    await watcher.poll();
    expect(events.statusChanged).toHaveBeenCalledTimes(1);
  });

  it('goes offline when a ready path stops being ready, and online again when it comes back', async () => {
    const { mediamtx, events, watcher, configure, status } = await setup();
    configure();
    mediamtx.ready.add('cam_1');
    await watcher.poll();

    mediamtx.ready.delete('cam_1');
    await watcher.poll();
    expect(status()).toBe('offline');
    expect(events.statusChanged).toHaveBeenLastCalledWith(
      expect.objectContaining({
        status: 'offline',
        previous: 'online',
        reason: 'source not ready',
      }),
    );

    mediamtx.ready.add('cam_1');
    await watcher.poll();
    expect(status()).toBe('online');
    expect(events.statusChanged).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'online', previous: 'offline' }),
    );
  });

  it('marks nothing while MediaMTX is unreachable, and counts it', async () => {
    const { mediamtx, events, errors, watcher, configure, status } = await setup();
    configure();
    mediamtx.ready.add('cam_1');
    await watcher.poll();
    mediamtx.down = true;
    await expect(watcher.poll()).rejects.toThrow('fetch failed');
    await expect(watcher.poll()).rejects.toThrow('fetch failed');
    expect(status()).toBe('online');
    expect(errors.inc).toHaveBeenCalledTimes(2);
    expect(events.statusChanged).toHaveBeenCalledTimes(1);
  });

  it('shows why MediaMTX refused the path', async () => {
    const { failures, watcher, repository, status } = await setup();
    failures.set(1, 'mediamtx: invalid source');
    await watcher.poll();
    expect(status()).toBe('offline');
    expect(repository.statusHistory).toEqual([
      { id: 1, status: 'offline', reason: 'mediamtx: invalid source' },
    ]);
  });

  it('gives up connecting after the grace period', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-02-01T00:00:00Z') });
    const { watcher, configure, status } = await setup();
    configure();
    await watcher.poll();
    jest.setSystemTime(Date.now() + CONNECT_GRACE_MS - 1);
    await watcher.poll();
    expect(status()).toBe('connecting');
    jest.setSystemTime(Date.now() + 1);
    await watcher.poll();
    expect(status()).toBe('offline');
  });

  it('shows a reconfigured online camera as connecting, not offline, while its source reconnects', async () => {
    const { mediamtx, watcher, configure, status } = await setup();
    configure();
    mediamtx.ready.add('cam_1');
    await watcher.poll();
    mediamtx.ready.delete('cam_1');
    configure();
    await watcher.poll();
    expect(status()).toBe('connecting');
  });

  it('leaves disabled cameras alone', async () => {
    const { repository, watcher, events } = await setup();
    await repository.update(1, { enabled: false, status: 'disabled' });
    await watcher.poll();
    expect(repository.rows.get(1)?.status).toBe('disabled');
    expect(events.statusChanged).not.toHaveBeenCalled();
  });
});
