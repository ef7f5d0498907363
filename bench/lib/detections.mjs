// Synthetic detections for the analytics benchmarks: Brazilian-style plates (LLLNLNN), a share of
// them with an OCR alternative reading, spread over cameras and a time window.
import { randomUUID } from 'node:crypto';

// Mirrors OCR_CONFUSABLE_FROM/TO of libs/shared-types/src/lib/plates.ts (the bench is plain Node).
const FROM = 'ODQIZSBG';
const TO = '00012586';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const LOOK_ALIKE = {
  O: '0',
  0: 'O',
  B: '8',
  8: 'B',
  I: '1',
  1: 'I',
  S: '5',
  5: 'S',
  Z: '2',
  2: 'Z',
  G: '6',
  6: 'G',
  D: '0',
};

export const ocrKey = (plate) =>
  [...plate].map((c) => (FROM.includes(c) ? TO[FROM.indexOf(c)] : c)).join('');
const pick = (s, r) => s[Math.floor(r() * s.length)];

/** A deterministic generator (mulberry32), so runs are comparable. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function plate(r) {
  return (
    pick(LETTERS, r) +
    pick(LETTERS, r) +
    pick(LETTERS, r) +
    pick(DIGITS, r) +
    pick(LETTERS, r) +
    pick(DIGITS, r) +
    pick(DIGITS, r)
  );
}

/** The same plate with one character an OCR engine might misread, or undefined when none is. */
export function misread(p, r) {
  const positions = [...p].map((c, i) => (LOOK_ALIKE[c] ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return undefined;
  const i = positions[Math.floor(r() * positions.length)];
  return p.slice(0, i) + LOOK_ALIKE[p[i]] + p.slice(i + 1);
}

/** A `DetectionEventV1` as ingest produces it. */
export function detectionEvent(r, { source, cameras, fromMs, spanMs }) {
  const p = plate(r);
  const alt = r() < 0.3 ? misread(p, r) : undefined;
  const capturedAt = new Date(fromMs + Math.floor(r() * spanMs)).toISOString();
  return {
    version: 1,
    id: randomUUID(),
    cameraId: 1 + Math.floor(r() * cameras),
    plate: p,
    plateRaw: `${p.slice(0, 3)}-${p.slice(3)}`,
    confidence: Math.round((0.6 + r() * 0.4) * 1000) / 1000,
    capturedAt,
    receivedAt: capturedAt,
    bbox: { x: 0.4, y: 0.6, width: 0.12, height: 0.05 },
    vehicle: { type: 'car', colour: null, make: null },
    snapshotRef: null,
    source,
    alternatives: alt ? [{ plate: alt, confidence: 0.3 }] : [],
  };
}

const csv = (v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
const pgArray = (items) => `{${items.join(',')}}`;

/** One CSV line of `analytics.detections` in `COPY_COLUMNS` order (what the consumer would insert). */
export function copyLine(e) {
  const plates = [...new Set([e.plate, ...e.alternatives.map((a) => a.plate)])];
  const keys = [...new Set(plates.map(ocrKey))];
  return [
    e.id,
    e.cameraId,
    e.plate,
    csv(e.plateRaw),
    e.confidence,
    e.capturedAt,
    e.receivedAt,
    csv(JSON.stringify(e.bbox)),
    csv(JSON.stringify(e.vehicle)),
    '',
    e.source,
    csv(JSON.stringify(e.alternatives)),
    csv(pgArray(plates)),
    csv(pgArray(keys)),
    plates.join(' '),
  ].join(',');
}

export const COPY_COLUMNS =
  'id, camera_id, plate, plate_raw, confidence, captured_at, received_at, bbox, vehicle, snapshot_ref, ' +
  'source, alternatives, plates, plate_keys, plates_text';
