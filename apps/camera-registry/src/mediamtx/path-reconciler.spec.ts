import type { Counter, Gauge } from 'prom-client';
import type { CameraPathSource } from '../cameras/camera.model';
import type { CameraService } from '../cameras/camera.service';
import type { MediaMtxPaths } from './mediamtx-paths';
import { FakeMediaMtxPaths } from './mediamtx-paths.fake';
import { pathConfigFor } from './path-config';
import { desiredPaths, PathReconciler, planPaths } from './path-reconciler';

const source = (id: number, extra: Partial<CameraPathSource> = {}): CameraPathSource => ({
  id,
  sourceUrl: `rtsp://cam${id}.local/stream`,
  subStreamUrl: null,
  recordingEnabled: true,
  retentionDays: 7,
  ...extra,
});

function setup(cameras: CameraPathSource[]) {
  const mediamtx = new FakeMediaMtxPaths();
  // The publisher rule of mediamtx.yml and a hand-made path: never the reconciler's to touch.
  mediamtx.configs.set('~^cam_\\d+$', { source: 'publisher', record: true });
  mediamtx.configs.set('sim_1', { source: 'publisher' });
  const service = { enabledPathSources: jest.fn(async () => cameras.map((c) => ({ ...c }))) };
  const errors = { inc: jest.fn() };
  const lastSuccess = { set: jest.fn() };
  const reconciler = new PathReconciler(
    service as unknown as CameraService,
    mediamtx as unknown as MediaMtxPaths,
    errors as unknown as Counter<string>,
    lastSuccess as unknown as Gauge<string>,
  );
  return { mediamtx, service, errors, lastSuccess, reconciler, cameras };
}

describe('planPaths', () => {
  it('adds missing paths, patches only differing fields, deletes orphaned cam_ paths only', () => {
    const desired = desiredPaths([source(1), source(2, { retentionDays: 30 })]);
    const actions = planPaths(desired, [
      { name: 'cam_2', ...pathConfigFor(source(2)) },
      { name: 'cam_9', source: 'rtsp://old' },
      { name: '~^cam_\\d+$', source: 'publisher' },
      { name: 'lobby', source: 'publisher' },
    ]);
    expect(actions).toEqual([
      { kind: 'delete', name: 'cam_9', cameraId: 9 },
      { kind: 'add', name: 'cam_1', cameraId: 1, config: pathConfigFor(source(1)) },
      { kind: 'patch', name: 'cam_2', cameraId: 2, config: { recordDeleteAfter: '30d' } },
    ]);
  });
});

describe('planPaths with sub-streams', () => {
  const sub = (id: number) => source(id, { subStreamUrl: `rtsp://cam${id}.local/sub` });

  it('adds a sub-stream path beside the main one, and deletes it when the sub-stream goes', () => {
    const main = { name: 'cam_1', ...pathConfigFor(source(1)) };
    expect(planPaths(desiredPaths([sub(1)]), [main])).toEqual([
      {
        kind: 'add',
        name: 'cam_1_sub',
        cameraId: 1,
        config: { ...pathConfigFor(source(1)), source: 'rtsp://cam1.local/sub', record: false },
      },
    ]);
    const withSub = { name: 'cam_1_sub', source: 'rtsp://cam1.local/sub' };
    expect(planPaths(desiredPaths([source(1)]), [main, withSub])).toEqual([
      { kind: 'delete', name: 'cam_1_sub', cameraId: 1 },
    ]);
  });
});

describe('PathReconciler', () => {
  it('applies the difference, then a second run writes nothing (idempotent)', async () => {
    const { mediamtx, reconciler, lastSuccess } = setup([source(1), source(2)]);
    mediamtx.configs.set('cam_2', { ...pathConfigFor(source(2)), record: false });
    mediamtx.configs.set('cam_5', { source: 'rtsp://gone' });

    await reconciler.trigger();
    expect(mediamtx.writes).toEqual(['delete cam_5', 'add cam_1', 'patch cam_2 record']);
    expect(mediamtx.configs.get('cam_2')).toMatchObject({ record: true });
    expect([...mediamtx.configs.keys()].sort()).toEqual(['cam_1', 'cam_2', 'sim_1', '~^cam_\\d+$']);
    expect(lastSuccess.set).toHaveBeenCalledTimes(1);

    mediamtx.writes.length = 0;
    await reconciler.trigger();
    expect(mediamtx.writes).toEqual([]);
    expect(reconciler.hasDrift(await mediamtx.listConfigs())).toBe(false);
  });

  it('serialises runs and coalesces triggers that arrive during one into a single extra run', async () => {
    const { reconciler, service } = setup([source(1)]);
    const runs = [reconciler.trigger(), reconciler.trigger(), reconciler.trigger()];
    await Promise.all(runs);
    expect(service.enabledPathSources).toHaveBeenCalledTimes(2);
  });

  it('detects drift after a MediaMTX restart and restores the paths on the next run', async () => {
    const { mediamtx, reconciler } = setup([source(1)]);
    expect(reconciler.hasDrift([])).toBe(true);
    await reconciler.trigger();
    mediamtx.restart();
    expect(reconciler.hasDrift(await mediamtx.listConfigs())).toBe(true);
    await reconciler.trigger();
    expect(mediamtx.configs.has('cam_1')).toBe(true);
  });

  it('keeps the reason of a refused path for the camera status and counts the error', async () => {
    const { mediamtx, reconciler, errors, lastSuccess } = setup([source(1), source(2)]);
    mediamtx.refuse.set('cam_2', 'invalid source');
    const applied: number[] = [];
    reconciler.onApplied((id) => applied.push(id));

    await reconciler.trigger();
    expect(reconciler.failureOf(2)).toBe('mediamtx: invalid source');
    expect(reconciler.failureOf(1)).toBeUndefined();
    expect(applied).toEqual([1]);
    expect(errors.inc).toHaveBeenCalledTimes(1);
    expect(lastSuccess.set).not.toHaveBeenCalled();

    mediamtx.refuse.clear();
    await reconciler.trigger();
    expect(reconciler.failureOf(2)).toBeUndefined();
    expect(lastSuccess.set).toHaveBeenCalledTimes(1);
  });

  it('keeps a refused sub-stream out of the camera status and of the applied notifications', async () => {
    const { mediamtx, reconciler } = setup([source(1, { subStreamUrl: 'rtsp://cam1.local/sub' })]);
    mediamtx.refuse.set('cam_1_sub', 'invalid source');
    const applied: number[] = [];
    reconciler.onApplied((id) => applied.push(id));

    await reconciler.trigger();
    expect(mediamtx.configs.has('cam_1')).toBe(true);
    expect(reconciler.failureOf(1)).toBeUndefined();
    expect(applied).toEqual([1]);
  });

  it('counts a run that cannot reach MediaMTX and writes nothing', async () => {
    const { mediamtx, reconciler, errors } = setup([source(1)]);
    mediamtx.down = true;
    await reconciler.trigger();
    expect(errors.inc).toHaveBeenCalledTimes(1);
    expect(mediamtx.writes).toEqual([]);
  });
});
