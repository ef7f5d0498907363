import type { DetectionEventV1 } from '@gt-vision/shared-types';

/** A valid detection event for tests; override what a test is about. */
export function detectionEvent(overrides: Partial<DetectionEventV1> = {}): DetectionEventV1 {
  return {
    version: 1,
    id: '0b9a3c8e-8d1f-4c6e-9a53-3a3f4c1f2e10',
    cameraId: 1,
    plate: 'ABC1D23',
    plateRaw: 'abc-1d23',
    confidence: 0.9,
    capturedAt: '2026-12-01T10:00:00.000Z',
    receivedAt: '2026-12-01T10:00:00.200Z',
    bbox: { x: 0.1, y: 0.1, width: 0.2, height: 0.1 },
    vehicle: { type: 'car', colour: null, make: null },
    snapshotRef: null,
    source: 'gtv-frame-extraction',
    alternatives: [{ plate: 'ABC1023', confidence: 0.4 }],
    ...overrides,
  };
}
