import { convertToParamMap } from '@angular/router';
import {
  filtersFromParams,
  fractionToPercent,
  percentToFraction,
  toQueryParams,
} from './detection-filters';

describe('detection filters in the URL', () => {
  it('reads the filters it knows from the query string', () => {
    expect(
      filtersFromParams(
        convertToParamMap({ plate: 'ABC*', match: 'wildcard', cameraId: '3', other: 'x', to: '' }),
      ),
    ).toEqual({ plate: 'ABC*', match: 'wildcard', cameraId: '3' });
  });

  it('removes empty filters from the URL', () => {
    expect(toQueryParams({ plate: 'ABC', minConfidence: '0.8' })).toEqual({
      plate: 'ABC',
      match: null,
      cameraId: null,
      from: null,
      to: null,
      minConfidence: '0.8',
    });
  });

  it('shows confidence as a percentage and sends a fraction', () => {
    expect(percentToFraction('85')).toBe('0.85');
    expect(percentToFraction('150')).toBe('1');
    expect(percentToFraction('')).toBeUndefined();
    expect(fractionToPercent('0.855')).toBe('85.5');
  });
});
