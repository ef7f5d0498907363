import { HttpErrorResponse } from '@angular/common/http';
import { errorFor, errorMessage, fieldErrors } from './api-errors';

describe('API errors', () => {
  const error = new HttpErrorResponse({
    status: 400,
    error: {
      statusCode: 400,
      error: 'Bad Request',
      message: 'validation failed',
      details: [
        { field: 'sourceUrl', problem: 'sourceUrl must be an rtsp:// or rtsps:// URL with a host' },
        { field: 'location.lat', problem: 'lat must not be greater than 90' },
        { field: 'location.lat', problem: 'lat must be a number' },
      ],
    },
  });

  it('maps each field to its problems', () => {
    expect(fieldErrors(error)).toEqual({
      sourceUrl: 'sourceUrl must be an rtsp:// or rtsps:// URL with a host',
      'location.lat': 'lat must not be greater than 90; lat must be a number',
    });
  });

  it('has no field errors for a body that is not the API error shape', () => {
    expect(fieldErrors(new HttpErrorResponse({ status: 502, error: '<html>' }))).toEqual({});
    expect(errorMessage(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway' }))).toBe(
      '502 Bad Gateway',
    );
    expect(errorMessage(error)).toBe('validation failed');
  });

  it('gathers the errors of a field’s parts', () => {
    expect(errorFor({ 'tags.1': 'bad tag', name: 'too long' }, 'tags')).toBe('bad tag');
    expect(errorFor({ name: 'too long' }, 'tags')).toBeNull();
  });
});
