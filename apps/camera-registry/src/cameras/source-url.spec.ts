import { joinSourceUrl, maskSourceUrl, splitSourceUrl } from './source-url';

describe('source URLs', () => {
  it.each([
    [
      'rtsp://admin:s3cr%40t@10.0.0.5:554/Streaming/101?x=1',
      'rtsp://10.0.0.5:554/Streaming/101?x=1',
      'admin:s3cr%40t',
    ],
    ['rtsps://viewer@cam.example:322/live', 'rtsps://cam.example:322/live', 'viewer'],
    ['rtsp://:only-password@h/x', 'rtsp://h/x', ':only-password'],
    ['rtsp://10.0.0.5/live', 'rtsp://10.0.0.5/live', null],
  ])('%s is stored as %s with credentials %s, and restored exactly', (input, url, credentials) => {
    expect(splitSourceUrl(input)).toEqual({ url, credentials });
    expect(joinSourceUrl(url, credentials)).toBe(input);
  });

  it('keeps an unencoded @ of a user name inside the credentials', () => {
    const { url, credentials } = splitSourceUrl('rtsp://a@b:pw@h/x');
    expect(url).toBe('rtsp://h/x');
    expect(joinSourceUrl(url, credentials)).toBe('rtsp://a%40b:pw@h/x');
  });

  it('masks credentials, and leaves a URL without any unchanged', () => {
    expect(maskSourceUrl('rtsp://host:554/path', true)).toBe('rtsp://***:***@host:554/path');
    expect(maskSourceUrl('rtsp://host:554/path', false)).toBe('rtsp://host:554/path');
  });
});
