import type { Counter } from 'prom-client';
import { cameraEventsForTests } from '../cameras/camera-events.fake';
import { FakeCameraRepository } from '../cameras/camera.repository.fake';
import type { CameraRepository } from '../cameras/camera.repository';
import type { MediaMtxPaths } from './mediamtx-paths';
import { FakeMediaMtxPaths } from './mediamtx-paths.fake';
import type { PathReconciler } from './path-reconciler';
import { CONNECT_GRACE_MS } from './path-status';
import { PathStatusConfig } from './path-status.config';
import { PathStatusWatcher } from './path-status.watcher';

const STALL_MS = new PathStatusConfig().CAMERA_STALL_TIMEOUT_MS;

async function setup() {
  const repository = new FakeCameraRepository();
  const camera = await repository.insert({
    name: 'Gate',
    sourceUrl: 'rtsp://gate.local/stream',
    sourceCredentials: null,
    subStreamUrl: null,
    subStreamCredentials: null,
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
  const { events, stored } = cameraEventsForTests();
  jest.spyOn(events, 'statusChanged');
  const errors = { inc: jest.fn() };
  const watcher = new PathStatusWatcher(
    new PathStatusConfig(),
    repository as unknown as CameraRepository,
    mediamtx as unknown as MediaMtxPaths,
    reconciler as unknown as PathReconciler,
    events,
    errors as unknown as Counter<string>,
  );
  /** What the reconciler does for a new or changed camera. */
  const configure = () => {
    mediamtx.configs.set('cam_1', { source: 'rtsp://gate.local/stream' });
    applied(camera.id);
  };
  const status = () => repository.rows.get(camera.id)?.status;
  return {
    repository,
    mediamtx,
    failures,
    events: events as typeof events & { statusChanged: jest.Mock },
    stored,
    errors,
    watcher,
    configure,
    status,
  };
}

describe('PathStatusWatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps a configured camera connecting, then online when its path is ready, with history and event', async () => {
    const { repository, mediamtx, events, stored, watcher, configure, status } = await setup();
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
    expect(stored).toEqual([
      expect.objectContaining({ subject: 'camera.status.changed', key: '1' }),
    ]);
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

  describe('a source that stops sending (stall)', () => {
    beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-02-01T00:00:00Z') }));

    async function online() {
      const context = await setup();
      context.configure();
      context.mediamtx.ready.add('cam_1');
      context.mediamtx.inboundBytes.set('cam_1', 1000);
      await context.watcher.poll();
      expect(context.status()).toBe('online');
      /** One poll `ms` later, with the source having sent `bytes` more meanwhile. */
      const pollAfter = async (ms: number, bytes = 0) => {
        jest.setSystemTime(Date.now() + ms);
        const sent = context.mediamtx.inboundBytes.get('cam_1') ?? 0;
        context.mediamtx.inboundBytes.set('cam_1', sent + bytes);
        await context.watcher.poll();
      };
      return { ...context, pollAfter };
    }

    it('stays online while bytes keep arriving, however long', async () => {
      const { events, pollAfter, status } = await online();
      for (let i = 0; i < 10; i++) await pollAfter(STALL_MS - 1, 500);
      expect(status()).toBe('online');
      expect(events.statusChanged).toHaveBeenCalledTimes(1);
    });

    it('goes offline "stalled" once the bytes have not grown for the stall timeout, with history and event', async () => {
      const { repository, events, pollAfter, status } = await online();
      await pollAfter(1000, 500);
      await pollAfter(STALL_MS - 1);
      expect(status()).toBe('online');
      await pollAfter(1);
      expect(status()).toBe('offline');
      expect(repository.statusHistory.at(-1)).toEqual({
        id: 1,
        status: 'offline',
        reason: 'stalled',
      });
      expect(events.statusChanged).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'offline', previous: 'online', reason: 'stalled' }),
      );
    });

    it('comes back online as soon as bytes flow again', async () => {
      const { events, pollAfter, status } = await online();
      await pollAfter(STALL_MS);
      expect(status()).toBe('offline');
      await pollAfter(1000, 500);
      expect(status()).toBe('online');
      expect(events.statusChanged).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'online', previous: 'offline', reason: 'path ready' }),
      );
    });

    it('takes a reconnected source, whose count restarts lower, as flowing', async () => {
      const { mediamtx, pollAfter, status } = await online();
      await pollAfter(STALL_MS - 1000);
      mediamtx.inboundBytes.set('cam_1', 10);
      await pollAfter(1000);
      expect(status()).toBe('online');
    });

    it('keeps a stalled camera offline across a restart of the registry, until bytes move', async () => {
      const { repository, mediamtx, events, pollAfter, status } = await online();
      await pollAfter(STALL_MS);
      expect(status()).toBe('offline');
      const changes = events.statusChanged.mock.calls.length;

      // A new process: same database and MediaMTX, no memory of the byte counts.
      const restarted = new PathStatusWatcher(
        new PathStatusConfig(),
        repository as unknown as CameraRepository,
        mediamtx as unknown as MediaMtxPaths,
        {
          started: true,
          failureOf: () => undefined,
          onApplied: () => undefined,
        } as unknown as PathReconciler,
        events,
        { inc: jest.fn() } as unknown as Counter<string>,
      );
      await restarted.poll();
      jest.setSystemTime(Date.now() + STALL_MS);
      await restarted.poll();
      expect(status()).toBe('offline');
      expect(events.statusChanged).toHaveBeenCalledTimes(changes);

      mediamtx.inboundBytes.set('cam_1', (mediamtx.inboundBytes.get('cam_1') ?? 0) + 500);
      jest.setSystemTime(Date.now() + 1000);
      await restarted.poll();
      expect(status()).toBe('online');
    });

    it('times a stall from when the path is ready again, not from before it dropped', async () => {
      const { mediamtx, pollAfter, status } = await online();
      mediamtx.ready.delete('cam_1');
      await pollAfter(1000);
      expect(status()).toBe('offline');
      mediamtx.ready.add('cam_1');
      await pollAfter(STALL_MS);
      expect(status()).toBe('online');
    });
  });
});
