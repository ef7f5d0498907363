import { IngestDetectionDto } from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DETECTION_SOURCE, detectionIdOf, toDetectionEvent } from './detection.mapper';
import type { VehicleDetection } from './plate-read';

const detection = (
  plate = 'ABC1D23',
  windowStart = Date.UTC(2026, 11, 2, 10),
): VehicleDetection => ({
  cameraId: 7,
  windowStart,
  best: {
    cameraId: 7,
    plate,
    confidence: 0.93,
    bbox: { x: 0.4, y: 0.6, width: 0.15, height: 0.05 },
    alternatives: [],
    capturedAt: windowStart + 1000,
    jpeg: Buffer.alloc(0),
  },
  alternatives: [{ plate: 'A8C1D23', confidence: 0.5 }],
});

describe('detection ids', () => {
  it('are the same for the same passage, so a retried publish is stored once', () => {
    expect(detectionIdOf(detection())).toBe(detectionIdOf(detection()));
    expect(detectionIdOf(detection())).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('are the same whichever OCR reading of the plate became the best', () => {
    expect(detectionIdOf(detection('A8C1D23'))).toBe(detectionIdOf(detection('ABC1D23')));
  });

  it('differ for another passage of the same plate', () => {
    expect(detectionIdOf(detection('ABC1D23', 0))).not.toBe(
      detectionIdOf(detection('ABC1D23', 60000)),
    );
  });
});

describe('toDetectionEvent', () => {
  const event = toDetectionEvent(detection(), new Date('2026-12-02T10:00:01.500Z'));

  it('fills the contract with the source, the snapshot key and the alternatives', () => {
    expect(event).toMatchObject({
      version: 1,
      cameraId: 7,
      plate: 'ABC1D23',
      capturedAt: '2026-12-02T10:00:01.000Z',
      source: DETECTION_SOURCE,
      snapshotRef: `7/2026-12-02/${event.id}.jpg`,
      alternatives: [{ plate: 'A8C1D23', confidence: 0.5 }],
      vehicle: null,
    });
  });

  it('passes the same validation as a detection sent to ingest', () => {
    const dto = plainToInstance(IngestDetectionDto, { ...event, vehicle: undefined });
    expect(validateSync(dto, { whitelist: true })).toEqual([]);
  });
});
