import { checkDto as check } from './testing/check-dto';
import { CreateWatchlistEntryDto } from './watchlists';

describe('CreateWatchlistEntryDto', () => {
  it('normalises the plate and applies defaults', () => {
    const { value, fields } = check(CreateWatchlistEntryDto, {
      plate: 'abc-1d23',
      reason: 'stolen',
    });
    expect(fields).toEqual([]);
    expect(value).toMatchObject({ plate: 'ABC1D23', match: 'exact', severity: 'warning' });
  });

  it('names each bad field', () => {
    const { fields } = check(CreateWatchlistEntryDto, {
      plate: '',
      match: 'contains',
      reason: '',
      severity: 'urgent',
      expiresAt: 'tomorrow',
    });
    expect(fields.sort()).toEqual(['expiresAt', 'match', 'plate', 'reason', 'severity']);
  });
});
