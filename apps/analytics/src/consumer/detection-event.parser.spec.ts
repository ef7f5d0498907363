import type { DetectionEventV1 } from '@gt-vision/shared-types';
import { detectionEvent } from './detection-event.fixture';
import { describePoison, parseDetectionMessage } from './detection-event.parser';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseDetectionMessage', () => {
  it('accepts an event of the contract', () => {
    const event = detectionEvent();
    expect(parseDetectionMessage(encode(event))).toEqual({ event });
  });

  it('refuses what is not a JSON object', () => {
    expect(parseDetectionMessage(Buffer.from('{oops'))).toEqual({
      poison: { kind: 'invalid-json' },
    });
    expect(parseDetectionMessage(encode([1]))).toEqual({ poison: { kind: 'invalid-json' } });
    expect(parseDetectionMessage(null)).toEqual({ poison: { kind: 'invalid-json' } });
  });

  it('refuses a version it does not know', () => {
    const parsed = parseDetectionMessage(encode({ ...detectionEvent(), version: 2 }));
    expect(parsed).toEqual({ poison: { kind: 'unknown-version', version: 2 } });
    expect('poison' in parsed && describePoison(parsed.poison)).toBe('unknown-version: 2');
  });

  it.each([
    ['id', { id: 'nope' }],
    ['cameraId', { cameraId: 0 }],
    ['plate', { plate: 'abc-1d23' }],
    ['confidence', { confidence: 1.5 }],
    ['capturedAt', { capturedAt: '2026-12-01 10:00' }],
    ['capturedAt', { capturedAt: '2026-12-01T11:00:00Z' }],
    ['bbox', { bbox: { x: 2, y: 0, width: 0, height: 0 } }],
    ['vehicle.type', { vehicle: { type: 'tank', colour: null, make: null } }],
    ['source', { source: 'Bad Source' }],
    ['alternatives.0.plate', { alternatives: [{ plate: 'a', confidence: 0.1 }] }],
  ] as const)('names the bad field %s', (field, overrides) => {
    const parsed = parseDetectionMessage(
      encode(detectionEvent(overrides as Partial<DetectionEventV1>)),
    );
    expect(parsed).toEqual({ poison: expect.objectContaining({ kind: 'invalid-field', field }) });
  });
});
