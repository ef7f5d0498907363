import {
  DETECTION_VERSION,
  DetectionRules,
  PlateRules,
  VEHICLE_TYPES,
  type DetectionEventV1,
} from '@gt-vision/shared-types';

/** Why a message cannot be stored; travels to the dead-letter topic in a header. */
export type PoisonReason =
  | { kind: 'invalid-json' }
  | { kind: 'unknown-version'; version: unknown }
  | { kind: 'invalid-field'; field: string; problem: string }
  | { kind: 'expired'; capturedAt: string }
  | { kind: 'rejected-by-database'; sqlState: string; problem: string };

export type ParsedMessage = { event: DetectionEventV1 } | { poison: PoisonReason };

export function describePoison(reason: PoisonReason): string {
  switch (reason.kind) {
    case 'invalid-json':
      return 'invalid-json: the value is not a JSON object';
    case 'unknown-version':
      return `unknown-version: ${JSON.stringify(reason.version) ?? 'missing'}`;
    case 'invalid-field':
      return `invalid-field: ${reason.field} ${reason.problem}`;
    case 'expired':
      return `expired: capturedAt ${reason.capturedAt} is older than the retention kept`;
    case 'rejected-by-database':
      return `rejected-by-database: ${reason.sqlState} ${reason.problem}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

function check(ok: boolean, field: string, problem: string): void {
  if (!ok) throw new FieldError(field, problem);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isFraction = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const isTime = (v: unknown): v is string =>
  typeof v === 'string' && ISO_WITH_ZONE.test(v) && !Number.isNaN(Date.parse(v));
const isPlate = (v: unknown): v is string => typeof v === 'string' && PlateRules.pattern.test(v);
const isShortText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max;

function checkNullableText(value: unknown, field: string, max: number): void {
  check(value === null || isShortText(value, max), field, `must be null or text of at most ${max}`);
}

function checkEvent(e: Record<string, unknown>): DetectionEventV1 {
  check(typeof e['id'] === 'string' && UUID.test(e['id']), 'id', 'must be a UUID');
  check(
    Number.isInteger(e['cameraId']) && (e['cameraId'] as number) >= 1,
    'cameraId',
    'must be a positive integer',
  );
  check(isPlate(e['plate']), 'plate', 'must be a normalised plate');
  check(isShortText(e['plateRaw'], PlateRules.rawMaxLength), 'plateRaw', 'must be text');
  check(isFraction(e['confidence']), 'confidence', 'must be a number from 0 to 1');
  check(isTime(e['capturedAt']), 'capturedAt', 'must be an ISO-8601 time with a zone');
  check(isTime(e['receivedAt']), 'receivedAt', 'must be an ISO-8601 time with a zone');
  check(
    Date.parse(e['capturedAt'] as string) <=
      Date.parse(e['receivedAt'] as string) + DetectionRules.maxFutureSkewMs,
    'capturedAt',
    'is too far after receivedAt',
  );
  const bbox = e['bbox'];
  check(
    bbox === null ||
      (isObject(bbox) && ['x', 'y', 'width', 'height'].every((k) => isFraction(bbox[k]))),
    'bbox',
    'must be null or four fractions x, y, width, height',
  );
  const vehicle = e['vehicle'];
  check(vehicle === null || isObject(vehicle), 'vehicle', 'must be null or an object');
  if (isObject(vehicle)) {
    check(
      vehicle['type'] === null || (VEHICLE_TYPES as readonly unknown[]).includes(vehicle['type']),
      'vehicle.type',
      'must be null or a known vehicle type',
    );
    checkNullableText(vehicle['colour'], 'vehicle.colour', DetectionRules.attributeMaxLength);
    checkNullableText(vehicle['make'], 'vehicle.make', DetectionRules.attributeMaxLength);
  }
  checkNullableText(e['snapshotRef'], 'snapshotRef', DetectionRules.snapshotRefMaxLength);
  check(
    isShortText(e['source'], DetectionRules.sourceMaxLength) &&
      DetectionRules.sourcePattern.test(e['source']),
    'source',
    'must be a source name',
  );
  const alternatives = e['alternatives'];
  check(
    Array.isArray(alternatives) && alternatives.length <= DetectionRules.maxAlternatives,
    'alternatives',
    `must be an array of at most ${DetectionRules.maxAlternatives}`,
  );
  (alternatives as unknown[]).forEach((alt, i) => {
    check(
      isObject(alt) && isPlate(alt['plate']),
      `alternatives.${i}.plate`,
      'must be a normalised plate',
    );
    check(
      isFraction((alt as Record<string, unknown>)['confidence']),
      `alternatives.${i}.confidence`,
      'must be a number from 0 to 1',
    );
  });
  return e as unknown as DetectionEventV1;
}

/** Parses and checks one message value against the contract; never throws. */
export function parseDetectionMessage(value: Buffer | null): ParsedMessage {
  let data: unknown;
  try {
    data = value === null ? undefined : JSON.parse(value.toString('utf8'));
  } catch {
    return { poison: { kind: 'invalid-json' } };
  }
  if (!isObject(data)) return { poison: { kind: 'invalid-json' } };
  if (data['version'] !== DETECTION_VERSION) {
    return { poison: { kind: 'unknown-version', version: data['version'] } };
  }
  try {
    return { event: checkEvent(data) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { poison: { kind: 'invalid-field', field: error.field, problem: error.problem } };
  }
}
