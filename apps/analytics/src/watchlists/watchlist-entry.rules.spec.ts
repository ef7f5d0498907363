import type { BadRequestException } from '@nestjs/common';
import type { CreateWatchlistEntryDto } from '@gt-vision/shared-types';
import { checkWatchlistEntry } from './watchlist-entry.rules';

const NOW = new Date('2026-12-01T10:00:00Z');
const dto = (fields: Partial<CreateWatchlistEntryDto>) =>
  ({
    plate: 'ABC1D23',
    match: 'exact',
    reason: 'r',
    severity: 'info',
    ...fields,
  }) as CreateWatchlistEntryDto;

function fieldOf(fields: Partial<CreateWatchlistEntryDto>): string | undefined {
  try {
    checkWatchlistEntry(dto(fields), NOW);
    return undefined;
  } catch (error) {
    const body = (error as BadRequestException).getResponse() as { details: { field: string }[] };
    return body.details[0].field;
  }
}

describe('checkWatchlistEntry', () => {
  it('accepts plates, OCR plates and patterns in their modes', () => {
    expect(fieldOf({})).toBeUndefined();
    expect(fieldOf({ match: 'ocr' })).toBeUndefined();
    expect(fieldOf({ plate: 'AB?1*', match: 'wildcard' })).toBeUndefined();
    expect(fieldOf({ expiresAt: '2026-12-02T00:00:00Z' })).toBeUndefined();
  });

  it('keeps "?" and "*" to wildcard entries', () => {
    expect(fieldOf({ plate: 'AB?1*', match: 'exact' })).toBe('plate');
    expect(fieldOf({ plate: 'AB*', match: 'ocr' })).toBe('plate');
  });

  it('refuses patterns that would match nearly every plate', () => {
    expect(fieldOf({ plate: '*', match: 'wildcard' })).toBe('plate');
    expect(fieldOf({ plate: 'A*?', match: 'wildcard' })).toBe('plate');
  });

  it('refuses an expiry in the past', () => {
    expect(fieldOf({ expiresAt: '2026-12-01T09:59:59Z' })).toBe('expiresAt');
  });
});
