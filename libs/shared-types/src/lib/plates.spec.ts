import {
  isNormalisedPlate,
  matchesWildcard,
  normalisePlate,
  normalisePlatePattern,
  OCR_CONFUSABLE_FROM,
  OCR_CONFUSABLE_TO,
  plateOcrKey,
  watchlistEntryMatches,
} from './plates';

describe('plates', () => {
  it('normalises case, separators and accents', () => {
    expect(normalisePlate('abc-1d23')).toBe('ABC1D23');
    expect(normalisePlate(' ABC 1234 ')).toBe('ABC1234');
    expect(normalisePlate('ção·1')).toBe('CAO1');
    expect(isNormalisedPlate('ABC1D23')).toBe(true);
    expect(isNormalisedPlate('A')).toBe(false);
    expect(isNormalisedPlate('ABC-1D23')).toBe(false);
  });

  it('folds OCR look-alikes into one key, as translate() does in SQL', () => {
    expect(OCR_CONFUSABLE_FROM).toHaveLength(OCR_CONFUSABLE_TO.length);
    expect(plateOcrKey('BOI2S5G')).toBe('8012556');
    expect(plateOcrKey('ABC1D23')).toBe(plateOcrKey('A8C1023'));
    expect(plateOcrKey('ABC1D23')).not.toBe(plateOcrKey('ABC1D24'));
  });

  it('matches wildcard patterns against the whole plate', () => {
    const pattern = normalisePlatePattern('ab?1*');
    expect(pattern).toBe('AB?1*');
    expect(matchesWildcard('ABC1D23', pattern)).toBe(true);
    expect(matchesWildcard('ABCD123', pattern)).toBe(false);
    expect(matchesWildcard('XABC1D23', pattern)).toBe(false);
  });

  it('matches a watchlist entry by its mode', () => {
    expect(watchlistEntryMatches('ABC1D23', 'ABC1D23', 'exact')).toBe(true);
    expect(watchlistEntryMatches('A8C1D23', 'ABC1D23', 'exact')).toBe(false);
    expect(watchlistEntryMatches('A8C1023', 'ABC1D23', 'ocr')).toBe(true);
    expect(watchlistEntryMatches('A8C1024', 'ABC1D23', 'ocr')).toBe(false);
    expect(watchlistEntryMatches('ABC1D23', 'ABC*', 'wildcard')).toBe(true);
    expect(watchlistEntryMatches('XBC1D23', 'ABC*', 'wildcard')).toBe(false);
  });
});
