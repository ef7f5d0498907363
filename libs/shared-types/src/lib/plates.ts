/**
 * Licence-plate text rules shared by ingest, analytics (search and watchlists), frame extraction and
 * the console: one definition of what a normalised plate is and of which characters OCR confuses.
 */
export const PlateRules = {
  /** A normalised plate: upper-case letters and digits only. Brazilian plates have 7; others 2-10. */
  pattern: /^[A-Z0-9]{2,10}$/,
  minLength: 2,
  maxLength: 10,
  /** What a client may send before normalisation (separators, spaces, lower case). */
  rawMaxLength: 20,
  /** A search or watchlist pattern: plate characters plus `?` (one character) and `*` (any run). */
  wildcardPattern: /^[A-Z0-9?*]{1,20}$/,
} as const;

/**
 * OCR look-alikes mapped to one representative each. Two readings with the same `plateOcrKey` differ
 * only by characters an OCR engine commonly confuses (O/0/D/Q, I/1, Z/2, S/5, B/8, G/6). Kept as two
 * equal-length strings so PostgreSQL's `translate()` can compute the same key in SQL.
 */
export const OCR_CONFUSABLE_FROM = 'ODQIZSBG';
export const OCR_CONFUSABLE_TO = '00012586';

/** Upper case, accents dropped, every character that is not A-Z or 0-9 removed (`abc-1d23` → `ABC1D23`). */
export function normalisePlate(raw: string): string {
  return raw
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

export function isNormalisedPlate(value: string): boolean {
  return PlateRules.pattern.test(value);
}

/** The OCR-equivalence key of a normalised plate or pattern (`ABC1D23` → `A8C1023`). */
export function plateOcrKey(plate: string): string {
  let key = '';
  for (const char of plate) {
    const index = OCR_CONFUSABLE_FROM.indexOf(char);
    key += index === -1 ? char : OCR_CONFUSABLE_TO[index];
  }
  return key;
}

/**
 * How a plate query or a watchlist entry matches a reading (and its alternatives):
 * - `exact`: the normalised plate, equal;
 * - `prefix`, `contains`: a part of the plate (search only);
 * - `wildcard`: `?` one character, `*` any run (`AB?1*`);
 * - `ocr`: equal once OCR look-alikes are folded together (`plateOcrKey`).
 */
export const PLATE_MATCH_MODES = ['exact', 'prefix', 'contains', 'wildcard', 'ocr'] as const;
export type PlateMatchMode = (typeof PLATE_MATCH_MODES)[number];

/** The modes a watchlist entry may use: a watchlist names plates, it does not browse them. */
export const WATCHLIST_MATCH_MODES = ['exact', 'ocr', 'wildcard'] as const;
export type WatchlistMatchMode = (typeof WATCHLIST_MATCH_MODES)[number];

/** Normalises a wildcard pattern: upper case, separators removed, `?` and `*` kept. */
export function normalisePlatePattern(raw: string): string {
  return raw
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9?*]/g, '');
}

/** A normalised wildcard pattern as a whole-plate regular expression (compile once, test many). */
export function wildcardRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** True when `plate` (normalised) matches `pattern` (normalised wildcard pattern), whole plate. */
export function matchesWildcard(plate: string, pattern: string): boolean {
  return wildcardRegExp(pattern).test(plate);
}

/**
 * Whether a watchlist entry's plate or pattern matches one reading (normalised). Analytics' matcher
 * applies it to a detection's plate and to each alternative; search's SQL implements the same rules.
 */
export function watchlistEntryMatches(
  reading: string,
  entryPlate: string,
  mode: WatchlistMatchMode,
): boolean {
  switch (mode) {
    case 'exact':
      return reading === entryPlate;
    case 'ocr':
      return plateOcrKey(reading) === plateOcrKey(entryPlate);
    case 'wildcard':
      return matchesWildcard(reading, entryPlate);
  }
}
