import { sourceOfApiKey } from './detection.mapper';

describe('sourceOfApiKey', () => {
  it('makes the key name fit the source rules', () => {
    expect(sourceOfApiKey({ id: 'k', name: 'Frigate Gate 3' })).toBe('frigate-gate-3');
    expect(sourceOfApiKey({ id: 'k', name: '  São Paulo / Câmera #2 ' })).toBe(
      'sao-paulo-camera-2',
    );
    expect(sourceOfApiKey({ id: 'k', name: 'x'.repeat(100) })).toHaveLength(64);
  });

  it('falls back to the key id when nothing of the name is usable', () => {
    expect(sourceOfApiKey({ id: 'abc', name: '***' })).toBe('api-key-abc');
  });
});
