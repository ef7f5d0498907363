import type { AlertmanagerAlertDto } from '@gt-vision/shared-types';
import { fromAlertmanager } from './system-alert.mapper';

const base: AlertmanagerAlertDto = {
  status: 'firing',
  labels: { alertname: 'CameraOffline', severity: 'warning', camera_id: '7' },
  annotations: { summary: 'Camera 7 offline', description: 'for 2 minutes' },
  startsAt: '2026-12-02T08:00:00.000Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'abc',
};

describe('fromAlertmanager', () => {
  it('takes the name and severity from the labels and the texts from the annotations', () => {
    expect(fromAlertmanager(base)).toMatchObject({
      fingerprint: 'abc',
      name: 'CameraOffline',
      severity: 'warning',
      summary: 'Camera 7 offline',
      description: 'for 2 minutes',
      ends_at: null,
    });
  });

  it('has no end while firing, even when Alertmanager gives its own resolve-by time', () => {
    expect(fromAlertmanager({ ...base, endsAt: '2026-12-02T08:10:00Z' }).ends_at).toBeNull();
  });

  it('keeps the end of a resolved alert', () => {
    const row = fromAlertmanager({ ...base, status: 'resolved', endsAt: '2026-12-02T08:10:00Z' });
    expect(row.ends_at?.toISOString()).toBe('2026-12-02T08:10:00.000Z');
  });

  it('names an alert without alertname or severity rather than failing', () => {
    expect(fromAlertmanager({ ...base, labels: {}, annotations: undefined })).toMatchObject({
      name: 'unnamed',
      severity: 'none',
      summary: null,
    });
  });
});
