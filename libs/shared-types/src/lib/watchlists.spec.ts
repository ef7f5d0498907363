import { checkDto as check } from './testing/check-dto';
import { AlertQueryDto, CreateWatchlistEntryDto } from './watchlists';

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

describe('AlertQueryDto', () => {
  it('turns query strings into typed filters', () => {
    const { value, fields } = check(AlertQueryDto, {
      cameraId: '3',
      acknowledged: 'false',
      severity: 'critical',
    });
    expect(fields).toEqual([]);
    expect(value).toMatchObject({ cameraId: 3, acknowledged: false, limit: 50 });
  });

  it('names each bad filter', () => {
    const { fields } = check(AlertQueryDto, {
      cameraId: 'x',
      acknowledged: 'yes',
      severity: 'urgent',
      from: 'yesterday',
      limit: '0',
    });
    expect(fields.sort()).toEqual(['acknowledged', 'cameraId', 'from', 'limit', 'severity']);
  });
});
