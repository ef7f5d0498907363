import { mapDetection, mapDetectionEvent, recordingOf } from './detection.mapper';
import type { DetectionRow } from './detection.row';

const row: DetectionRow = {
  id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
  camera_id: 3,
  plate: 'ABC1D23',
  plate_raw: 'abc-1d23',
  confidence: 0.93,
  captured_at: new Date('2026-12-01T10:00:00.123Z'),
  cursor_at: '2026-12-01T10:00:00.123000Z',
  received_at: new Date('2026-12-01T10:00:00.500Z'),
  stored_at: new Date('2026-12-01T10:00:01.000Z'),
  bbox: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 },
  vehicle: { type: 'car', colour: 'red', make: null },
  snapshot_ref: 'cam_3/2026/12/01/abc.jpg',
  source: 'gtv-frame-extraction',
  alternatives: [{ plate: 'ABC1023', confidence: 0.4 }],
};
const window = { leadSeconds: 10, durationSeconds: 30 };

describe('mapDetection', () => {
  it('answers the contract, with the snapshot route and a playback URL around the capture', () => {
    expect(mapDetection(row, window)).toEqual({
      id: row.id,
      cameraId: 3,
      plate: 'ABC1D23',
      plateRaw: 'abc-1d23',
      confidence: 0.93,
      capturedAt: '2026-12-01T10:00:00.123Z',
      receivedAt: '2026-12-01T10:00:00.500Z',
      storedAt: '2026-12-01T10:00:01.000Z',
      bbox: row.bbox,
      vehicle: row.vehicle,
      source: 'gtv-frame-extraction',
      alternatives: row.alternatives,
      snapshotUrl: `/api/detections/${row.id}/snapshot`,
      recording: {
        path: 'cam_3',
        at: '2026-12-01T10:00:00.123Z',
        playbackUrl: '/playback/get?path=cam_3&start=2026-12-01T09%3A59%3A50.123Z&duration=30',
      },
    });
  });

  it('has no snapshot URL without evidence', () => {
    expect(mapDetection({ ...row, snapshot_ref: null }, window).snapshotUrl).toBeNull();
  });

  it('starts the recording window before the capture', () => {
    const recording = recordingOf(9, new Date('2026-12-01T00:00:05Z'), {
      leadSeconds: 5,
      durationSeconds: 20,
    });
    expect(recording.playbackUrl).toBe(
      '/playback/get?path=cam_9&start=2026-12-01T00%3A00%3A00.000Z&duration=20',
    );
  });
});

describe('mapDetectionEvent', () => {
  it('answers what the stored row would answer (the live overlay and the API agree)', () => {
    const event = {
      version: 1 as const,
      id: row.id,
      cameraId: 3,
      plate: 'ABC1D23',
      plateRaw: 'abc-1d23',
      confidence: 0.93,
      capturedAt: '2026-12-01T10:00:00.123Z',
      receivedAt: '2026-12-01T10:00:00.500Z',
      bbox: row.bbox,
      vehicle: row.vehicle,
      snapshotRef: row.snapshot_ref,
      source: 'gtv-frame-extraction',
      alternatives: row.alternatives,
    };
    expect(mapDetectionEvent(event, '2026-12-01T10:00:01.000Z', window)).toEqual(
      mapDetection(row, window),
    );
  });
});
