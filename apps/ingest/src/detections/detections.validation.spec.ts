import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '@gt-vision/backend-http';
import { IngestDetectionBatchDto, IngestDetectionDto } from '@gt-vision/shared-types';
import { INGEST_VALIDATION } from './ingest.validation';

// The service's pipe (compiled schema first) and class-validator alone must agree on every body.
const compiled = createValidationPipe(INGEST_VALIDATION);
const plain = createValidationPipe();

async function outcome(
  pipe: ReturnType<typeof createValidationPipe>,
  body: unknown,
  metatype: ArgumentMetadata['metatype'],
): Promise<{ fields: string[]; value?: unknown }> {
  try {
    return { fields: [], value: await pipe.transform(body, { type: 'body', metatype }) };
  } catch (error) {
    const response = (error as BadRequestException).getResponse() as {
      details: { field: string }[];
    };
    return { fields: [...new Set(response.details.map((detail) => detail.field))] };
  }
}

async function fieldsOf(body: unknown, metatype: ArgumentMetadata['metatype']): Promise<string[]> {
  const fast = await outcome(compiled, structuredClone(body), metatype);
  const reference = await outcome(plain, structuredClone(body), metatype);
  expect(fast).toEqual(reference);
  return fast.fields;
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

  it.each([
    ['optional fields set to null', { ...good, id: null, bbox: null, vehicle: null, source: null }],
    [
      'padded vehicle attributes (trimmed)',
      { ...good, vehicle: { colour: ' red ', make: 'Fiat ' } },
    ],
    ['a plate of 20 characters with separators', { ...good, plate: 'AB-12-CD-34-EF-56-GH' }],
    ['a plate with accents', { ...good, plate: 'ábc-1d23' }],
    ['a plate with an emoji', { ...good, plate: 'AB12🚗' }],
    ['a plate with a control character', { ...good, plate: 'AB\u000012' }],
    [
      'a capture time with an offset without colon',
      { ...good, capturedAt: '2026-12-01T10:00:00+0300' },
    ],
    ['a capture time on 30 February', { ...good, capturedAt: '2026-02-30T10:00:00Z' }],
    ['a capture time with a space', { ...good, capturedAt: '2026-12-01 10:00:00Z' }],
    ['an upper-case UUID', { ...good, id: '0B9F8A3E-2F1C-4D6B-9A7E-5C4D3B2A1F00' }],
    ['a nil UUID', { ...good, id: '00000000-0000-0000-0000-000000000000' }],
    ['a camera id as a string', { ...good, cameraId: '1' }],
    ['a camera id of 1e21', { ...good, cameraId: 1e21 }],
    [
      'a confidence of exactly 0 and 1',
      { ...good, confidence: 0, bbox: { x: 1, y: 0, width: 1, height: 0 } },
    ],
    ['a box with an extra field', { ...good, bbox: { x: 0, y: 0, width: 1, height: 1, z: 0 } }],
    ['a box missing a field', { ...good, bbox: { x: 0, y: 0, width: 1 } }],
    ['a vehicle that is an array', { ...good, vehicle: [] }],
    ['an empty vehicle', { ...good, vehicle: {} }],
    [
      'an alternative with an extra field',
      { ...good, alternatives: [{ plate: 'AB1', confidence: 0.2, x: 1 }] },
    ],
    ['a source of 65 characters', { ...good, source: 'a'.repeat(65) }],
    ['a snapshot reference with a newline', { ...good, snapshotRef: 'a\nb' }],
    ['a body that is an array', [good]],
    ['a body that is a string', 'plate'],
  ])('agrees with class-validator on %s', async (_, body) => {
    await fieldsOf(body, IngestDetectionDto);
    await fieldsOf({ items: [good, body] }, IngestDetectionBatchDto);
  });

  it('gives the services what class-validator would for a batch it accepts', async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      ...good,
      plate: `AB${i}CD`,
      vehicle: { colour: 'red' },
    }));
    expect(await fieldsOf({ items }, IngestDetectionBatchDto)).toEqual([]);
    expect(await fieldsOf({ items: [] }, IngestDetectionBatchDto)).toEqual([]);
    // ...and takes the compiled path for it: the body comes back as it is, not as a DTO instance.
    const body = { items };
    expect(
      await compiled.transform(body, { type: 'body', metatype: IngestDetectionBatchDto }),
    ).toBe(body);
    expect(
      await plain.transform(body, { type: 'body', metatype: IngestDetectionBatchDto }),
    ).not.toBe(body);
  });
});
