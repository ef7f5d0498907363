import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '@gt-vision/backend-http';
import { IngestDetectionBatchDto, IngestDetectionDto } from '@gt-vision/shared-types';

const pipe = createValidationPipe();

async function fieldsOf(body: unknown, metatype: ArgumentMetadata['metatype']): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
  } catch (error) {
    const response = (error as BadRequestException).getResponse() as {
      details: { field: string }[];
    };
    return [...new Set(response.details.map((detail) => detail.field))];
  }
  return [];
}

const good = {
  cameraId: 1,
  plate: 'ABC-1D23',
  confidence: 0.91,
  capturedAt: '2026-12-01T10:00:00Z',
};

describe('ingest body validation (the global pipe with the shared contract)', () => {
  it('accepts a minimal detection and a full one', async () => {
    expect(await fieldsOf(good, IngestDetectionDto)).toEqual([]);
    const full = {
      ...good,
      id: '0b9f8a3e-2f1c-4d6b-9a7e-5c4d3b2a1f00',
      bbox: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 },
      vehicle: { type: 'car', colour: 'red', make: 'Fiat' },
      snapshotRef: 'snapshots/1/abc.jpg',
      source: 'frigate',
      alternatives: [{ plate: 'ABC1O23', confidence: 0.3 }],
      capturedAt: '2026-12-01T10:00:00.123-03:00',
    };
    expect(await fieldsOf(full, IngestDetectionDto)).toEqual([]);
  });

  it.each([
    ['missing fields', {}, ['cameraId', 'plate', 'confidence', 'capturedAt']],
    ['a camera id that is not a positive integer', { ...good, cameraId: 1.5 }, ['cameraId']],
    ['a plate with too few characters once normalised', { ...good, plate: '-A-' }, ['plate']],
    ['a plate too long as sent', { ...good, plate: 'A'.repeat(21) }, ['plate']],
    ['a confidence above 1', { ...good, confidence: 1.01 }, ['confidence']],
    ['a confidence that is a string', { ...good, confidence: '0.9' }, ['confidence']],
    [
      'a capture time without a zone',
      { ...good, capturedAt: '2026-12-01T10:00:00' },
      ['capturedAt'],
    ],
    ['a capture time that is not a date', { ...good, capturedAt: 'yesterday' }, ['capturedAt']],
    ['an id that is not a UUID', { ...good, id: 'abc' }, ['id']],
    [
      'a box outside the frame',
      { ...good, bbox: { x: 0, y: 0, width: 1.2, height: 0.1 } },
      ['bbox.width'],
    ],
    ['a vehicle type not in the list', { ...good, vehicle: { type: 'tank' } }, ['vehicle.type']],
    ['a source with upper case', { ...good, source: 'Frigate' }, ['source']],
    [
      'a bad alternative',
      { ...good, alternatives: [{ plate: 'AB1', confidence: 2 }] },
      ['alternatives.0.confidence'],
    ],
    [
      'too many alternatives',
      { ...good, alternatives: Array(11).fill({ plate: 'AB1', confidence: 0.1 }) },
      ['alternatives'],
    ],
    ['alternatives set to null', { ...good, alternatives: null }, ['alternatives']],
    ['an unknown field', { ...good, speed: 80 }, ['speed']],
  ])('refuses %s, naming the field', async (_, body, fields) => {
    expect(await fieldsOf(body, IngestDetectionDto)).toEqual(fields);
  });

  it('names the index and field of each bad item of a batch', async () => {
    const body = {
      items: [good, { ...good, plate: '' }, good, { ...good, confidence: -1, cameraId: 0 }],
    };
    expect(await fieldsOf(body, IngestDetectionBatchDto)).toEqual([
      'items.1.plate',
      'items.3.cameraId',
      'items.3.confidence',
    ]);
  });

  it('refuses a batch whose items are not an array, or hold something other than objects', async () => {
    expect(await fieldsOf({ items: good }, IngestDetectionBatchDto)).toContain('items');
    expect(await fieldsOf({ items: [42] }, IngestDetectionBatchDto)).toEqual(['items.0']);
  });
});
