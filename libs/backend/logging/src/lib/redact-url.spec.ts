import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('replaces the value of every credential parameter, whatever its case, and keeps the rest', () => {
    expect(redactUrl('/ws/live?token=eyJ.a.b&camera=3&API_KEY=gtv_x#f')).toBe(
      '/ws/live?token=[redacted]&camera=3&API_KEY=[redacted]#f',
    );
  });

  it('leaves a parameter whose name only ends like a credential alone', () => {
    expect(redactUrl('/api/x?monkey=1&keyword=2')).toBe('/api/x?monkey=1&keyword=2');
  });

  it('leaves a URL without a query unchanged', () => {
    expect(redactUrl('/api/cameras/token=1')).toBe('/api/cameras/token=1');
  });
});
