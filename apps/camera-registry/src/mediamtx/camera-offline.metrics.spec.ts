import { register } from 'prom-client';
import { FakeCameraRepository } from '../cameras/camera.repository.fake';
import type { CameraRepository } from '../cameras/camera.repository';
import {
  CAMERA_OFFLINE_ALERT_AFTER_METRIC,
  CAMERA_OFFLINE_SINCE_METRIC,
  CameraOfflineMetrics,
} from './camera-offline.metrics';
import { PathStatusConfig } from './path-status.config';

const camera = (name: string, status: 'online' | 'offline', enabled = true) => ({
  name,
  sourceUrl: `rtsp://${name}.local/stream`,
  sourceCredentials: null,
  subStreamUrl: null,
  subStreamCredentials: null,
  location: null,
  tags: [],
  recordingEnabled: true,
  retentionDays: 7,
  lprEnabled: false,
  lprFps: 1,
  enabled,
  status,
});

describe('CameraOfflineMetrics', () => {
  let metrics: CameraOfflineMetrics;
  afterEach(() => metrics.onModuleDestroy());

  it('exports since when each enabled offline camera is offline, and the alert threshold', async () => {
    const repository = new FakeCameraRepository();
    const gate = await repository.insert(camera('gate', 'offline'));
    await repository.insert(camera('yard', 'online'));
    await repository.insert(camera('dock', 'offline', false));
    const config = Object.assign(new PathStatusConfig(), { CAMERA_OFFLINE_ALERT_AFTER_S: 45 });
    metrics = new CameraOfflineMetrics(repository as unknown as CameraRepository, config);
    metrics.onModuleInit();

    const since = await register.getSingleMetric(CAMERA_OFFLINE_SINCE_METRIC)?.get();
    expect(since?.values).toEqual([
      {
        labels: { camera_id: String(gate.id), camera: 'gate' },
        value: gate.statusSince.getTime() / 1000,
      },
    ]);
    const after = await register.getSingleMetric(CAMERA_OFFLINE_ALERT_AFTER_METRIC)?.get();
    expect(after?.values[0].value).toBe(45);
  });

  it('drops a camera once it is back online', async () => {
    const repository = new FakeCameraRepository();
    const gate = await repository.insert(camera('gate', 'offline'));
    metrics = new CameraOfflineMetrics(
      repository as unknown as CameraRepository,
      new PathStatusConfig(),
    );
    metrics.onModuleInit();
    expect(
      (await register.getSingleMetric(CAMERA_OFFLINE_SINCE_METRIC)?.get())?.values,
    ).toHaveLength(1);
    await repository.updateStatus(gate.id, 'offline', 'online', 'path ready');
    expect((await register.getSingleMetric(CAMERA_OFFLINE_SINCE_METRIC)?.get())?.values).toEqual(
      [],
    );
  });
});
