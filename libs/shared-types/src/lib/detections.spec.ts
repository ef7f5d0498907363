import { DetectionSearchQueryDto, IngestDetectionBatchDto, IngestDetectionDto } from './detections';
import { checkDto as check } from './testing/check-dto';

const valid = {
  cameraId: 1,
  plate: 'abc-1d23',
  confidence: 0.93,
  capturedAt: '2026-12-02T10:00:00.123Z',
};

describe('IngestDetectionDto', () => {
  it('accepts a minimal detection and a complete one', () => {
    expect(check(IngestDetectionDto, valid).fields).toEqual([]);
    const complete = {
      ...valid,
      id: '0b0f3a8e-2f7e-4d8e-9a55-2d0f8f0b6c11',
      capturedAt: '2026-12-02T07:00:00-03:00',
      bbox: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 },
      vehicle: { type: 'car', colour: 'white', make: 'Fiat' },
      snapshotRef: 'snapshots/2026/12/02/x.jpg',
      source: 'gtv-frame-extraction',
      alternatives: [{ plate: 'ABC1O23', confidence: 0.4 }],
    };
    expect(check(IngestDetectionDto, complete).fields).toEqual([]);
  });

  it('names every bad field, nested ones by dotted path', () => {
    const bad = {
      cameraId: 0,
      plate: '--',
      confidence: 1.5,
      capturedAt: '2026-12-02 10:00',
      bbox: { x: -1, y: 0, width: 2, height: 0 },
      vehicle: { type: 'spaceship' },
      source: 'Bad Source',
      alternatives: [
        { plate: 'OK1234', confidence: 0.2 },
        { plate: '?', confidence: 2 },
      ],
      extra: true,
    };
    expect(check(IngestDetectionDto, bad).fields.sort()).toEqual(
      [
        'alternatives.1.confidence',
        'alternatives.1.plate',
        'bbox.width',
        'bbox.x',
        'cameraId',
        'capturedAt',
        'confidence',
        'extra',
        'plate',
        'source',
        'vehicle.type',
      ].sort(),
    );
  });

  it('refuses a time without a zone', () => {
    expect(
      check(IngestDetectionDto, { ...valid, capturedAt: '2026-12-02T10:00:00' }).fields,
    ).toEqual(['capturedAt']);
  });
});

describe('IngestDetectionBatchDto', () => {
  it('names the item index and field of each bad item', () => {
    const result = check(IngestDetectionBatchDto, {
      items: [valid, { ...valid, plate: '' }, { ...valid, cameraId: 'x' }],
    });
    expect(result.fields.sort()).toEqual(['items.1.plate', 'items.2.cameraId']);
  });
});

describe('DetectionSearchQueryDto', () => {
  it('normalises the plate and applies defaults', () => {
    const { value, fields } = check(DetectionSearchQueryDto, { plate: 'ab-?1*', limit: '20' });
    expect(fields).toEqual([]);
    expect(value).toMatchObject({ plate: 'AB?1*', match: 'contains', limit: 20 });
  });

  it('refuses unknown match modes and limits out of bounds', () => {
    const { fields } = check(DetectionSearchQueryDto, {
      match: 'fuzzy',
      limit: '501',
      cameraId: 'a',
    });
    expect(fields.sort()).toEqual(['cameraId', 'limit', 'match']);
  });
});
