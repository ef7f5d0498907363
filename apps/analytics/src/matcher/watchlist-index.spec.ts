import {
  WATCHLIST_MATCH_MODES,
  watchlistEntryMatches,
  type DetectionEventV1,
} from '@gt-vision/shared-types';
import { WatchlistIndex, type ActiveEntry } from './watchlist-index';

let nextId = 1;
function entry(
  plate: string,
  match: ActiveEntry['match'],
  expiresAt: number | null = null,
): ActiveEntry {
  return {
    id: `e${nextId++}`,
    watchlistId: 'w1',
    plate,
    match,
    reason: 'stolen',
    severity: 'critical',
    expiresAt,
  };
}

function detection(plate: string, alternatives: string[] = []): DetectionEventV1 {
  return {
    version: 1,
    id: '00000000-0000-4000-8000-000000000001',
    cameraId: 1,
    plate,
    plateRaw: plate,
    confidence: 0.9,
    capturedAt: '2026-12-01T10:00:00.000Z',
    receivedAt: '2026-12-01T10:00:00.100Z',
    bbox: null,
    vehicle: null,
    snapshotRef: null,
    source: 'test',
    alternatives: alternatives.map((alt) => ({ plate: alt, confidence: 0.5 })),
  };
}

const NOW = Date.parse('2026-12-01T10:00:00Z');
const matched = (index: WatchlistIndex, d: DetectionEventV1, now = NOW) =>
  index.match(d, now).map((m) => [m.entry.plate, m.entry.match, m.reading]);

describe('WatchlistIndex', () => {
  it('matches exact entries on the equal plate only', () => {
    const index = new WatchlistIndex([entry('ABC1D23', 'exact')]);
    expect(matched(index, detection('ABC1D23'))).toEqual([['ABC1D23', 'exact', 'ABC1D23']]);
    expect(matched(index, detection('A8C1D23'))).toEqual([]);
  });

  it('matches OCR entries across look-alike characters', () => {
    const index = new WatchlistIndex([entry('ABC1D23', 'ocr')]);
    expect(matched(index, detection('A8C1023'))).toEqual([['ABC1D23', 'ocr', 'A8C1023']]);
    expect(matched(index, detection('A8C1024'))).toEqual([]);
  });

  it('matches wildcard entries against the whole plate', () => {
    const index = new WatchlistIndex([entry('AB?1*', 'wildcard')]);
    expect(matched(index, detection('ABC1D23'))).toEqual([['AB?1*', 'wildcard', 'ABC1D23']]);
    expect(matched(index, detection('XABC1D23'))).toEqual([]);
  });

  it('matches the alternatives too, naming the reading that matched', () => {
    const index = new WatchlistIndex([entry('ABC1D23', 'exact')]);
    expect(matched(index, detection('ABC1D28', ['XYZ9999', 'ABC1D23']))).toEqual([
      ['ABC1D23', 'exact', 'ABC1D23'],
    ]);
  });

  it('raises one match per entry, preferring the plate over an alternative', () => {
    const index = new WatchlistIndex([entry('ABC1D23', 'ocr'), entry('ABC*', 'wildcard')]);
    expect(matched(index, detection('ABC1D23', ['A8C1D23', 'ABC1023']))).toEqual([
      ['ABC1D23', 'ocr', 'ABC1D23'],
      ['ABC*', 'wildcard', 'ABC1D23'],
    ]);
  });

  it('skips entries expired at the time of matching', () => {
    const index = new WatchlistIndex([entry('ABC1D23', 'exact', NOW + 1000)]);
    expect(matched(index, detection('ABC1D23'), NOW)).toHaveLength(1);
    expect(matched(index, detection('ABC1D23'), NOW + 1000)).toEqual([]);
  });

  it('agrees with the shared rule for every mode', () => {
    const readings = ['ABC1D23', 'A8C1023', 'ABC1D24', 'XBC1D23', 'AB', 'ABCD123'];
    const patterns = ['ABC1D23', 'A8C1O23', 'AB?1*', '*23', 'ABC1D2?'];
    for (const mode of WATCHLIST_MATCH_MODES) {
      for (const pattern of patterns) {
        const index = new WatchlistIndex([entry(pattern, mode)]);
        for (const reading of readings) {
          expect([mode, pattern, reading, index.match(detection(reading), NOW).length]).toEqual([
            mode,
            pattern,
            reading,
            watchlistEntryMatches(reading, pattern, mode) ? 1 : 0,
          ]);
        }
      }
    }
  });
});
