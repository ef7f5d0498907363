import { CameraAccess, type Principal } from '@gt-vision/backend-auth';
import type { Database } from '@gt-vision/backend-database';
import type { CameraDirectory } from './camera-directory';
import type { DashboardCache } from './dashboard.cache';
import type { DashboardRepository } from './dashboard.repository';
import { DashboardService, fillHours } from './dashboard.service';

describe('fillHours', () => {
  it('lists the 24 hours of the window, oldest first, zero where nothing was seen', () => {
    const since = new Date('2026-12-01T05:00:00Z');
    const hours = fillHours(since, [{ hour: '2026-12-01T07:00:00.000Z', count: 4 }]);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ hour: '2026-12-01T05:00:00.000Z', count: 0 });
    expect(hours[2]).toEqual({ hour: '2026-12-01T07:00:00.000Z', count: 4 });
    expect(hours[23].hour).toBe('2026-12-02T04:00:00.000Z');
  });
});

describe('DashboardService.compute', () => {
  const repository = {
    perHour: jest.fn(async () => []),
    perCamera: jest.fn(async () => [{ cameraId: 2, count: 9 }]),
    topPlates: jest.fn(async () => [{ plate: 'ABC1D23', count: 3 }]),
  } as unknown as DashboardRepository;
  const dataSource = { query: jest.fn(), execute: jest.fn() } as unknown as Database;
  const cache = {} as DashboardCache;
  const access = new CameraAccess();

  it('counts from the current hour back 23 hours, and reports a silent registry as null', async () => {
    const cameras = {
      statusCounts: jest.fn(async () => {
        throw new Error('camera.list: no reply within 2000 ms');
      }),
    } as unknown as CameraDirectory;
    const now = new Date('2026-12-02T04:30:00Z');
    const dashboard = await new DashboardService(
      dataSource,
      repository,
      cameras,
      cache,
      access,
    ).compute(now);
    expect(repository.perHour).toHaveBeenCalledWith(
      expect.anything(),
      new Date('2026-12-01T05:00:00Z'),
      undefined,
    );
    expect(dashboard).toMatchObject({
      generatedAt: now.toISOString(),
      windowHours: 24,
      detectionsPerCamera: [{ cameraId: 2, count: 9 }],
      topPlates: [{ plate: 'ABC1D23', count: 3 }],
      cameras: null,
      alerts: null,
    });
  });

  it('reads alert counts from the registered source', async () => {
    const cameras = {
      statusCounts: jest.fn(async () => ({
        total: 1,
        byStatus: { online: 1, offline: 0, connecting: 0, disabled: 0 },
      })),
    } as unknown as CameraDirectory;
    const alerts = {
      countSince: jest.fn(async () => ({
        raised: 2,
        unacknowledged: 1,
        bySeverity: { info: 0, warning: 1, critical: 1 },
      })),
    };
    const dashboard = await new DashboardService(
      dataSource,
      repository,
      cameras,
      cache,
      access,
      alerts,
    ).compute(new Date());
    expect(dashboard.cameras?.byStatus.online).toBe(1);
    expect(dashboard.alerts?.raised).toBe(2);
  });
});

describe('DashboardService.dashboardJson', () => {
  const viewer: Principal = {
    kind: 'user',
    id: 'viewer-1',
    username: 'v',
    role: 'viewer',
    tokenId: 't',
    family: 'f',
  };
  const repository = {
    perHour: jest.fn(async () => []),
    perCamera: jest.fn(async () => []),
    topPlates: jest.fn(async () => []),
    topPlatesOf: jest.fn(async () => []),
  } as unknown as DashboardRepository;
  const cameras = { statusCounts: jest.fn(async () => null) } as unknown as CameraDirectory;
  const get = jest.fn(async (compute: () => Promise<unknown>, scope?: string) => {
    await compute();
    return scope ?? 'everything';
  });
  const cache = { get } as unknown as DashboardCache;
  const dataSource = {} as Database;

  it('keeps one cached dashboard for every-camera callers and one per set of granted cameras', async () => {
    const access = new CameraAccess();
    access.apply({
      version: 1,
      revision: 1,
      roles: { viewer: { all: true, cameraIds: [] } },
      users: { 'viewer-2': { all: false, cameraIds: [7, 3] } },
    });
    const service = new DashboardService(dataSource, repository, cameras, cache, access);
    await expect(service.dashboardJson(viewer)).resolves.toBe('everything');
    expect(repository.topPlates).toHaveBeenCalled();

    await expect(service.dashboardJson({ ...viewer, id: 'viewer-2' })).resolves.toBe('3,7');
    const since = expect.any(Date);
    expect(repository.perCamera).toHaveBeenLastCalledWith(dataSource, since, [3, 7]);
    expect(repository.topPlatesOf).toHaveBeenCalledWith(dataSource, since, 10, [3, 7]);
    expect(cameras.statusCounts).toHaveBeenLastCalledWith([3, 7]);
  });
});
