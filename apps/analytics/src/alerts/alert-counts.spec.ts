import { toAlertCounts } from './alert-counts';

describe('toAlertCounts', () => {
  it('is all zero when nothing was raised', () => {
    expect(toAlertCounts([])).toEqual({
      raised: 0,
      unacknowledged: 0,
      bySeverity: { info: 0, warning: 0, critical: 0 },
    });
  });

  it('sums the severities and keeps those without alerts at zero', () => {
    expect(
      toAlertCounts([
        { severity: 'critical', raised: 3, unacknowledged: 2 },
        { severity: 'info', raised: 5, unacknowledged: 0 },
      ]),
    ).toEqual({ raised: 8, unacknowledged: 2, bySeverity: { info: 5, warning: 0, critical: 3 } });
  });
});
