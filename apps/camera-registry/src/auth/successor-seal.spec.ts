import { openSuccessor, sealSuccessor } from './successor-seal';

describe('successor seal', () => {
  const rotated = 'r'.repeat(43);
  const successor = 's'.repeat(43);

  it('opens only with the rotated token it was sealed for', () => {
    const sealed = sealSuccessor(rotated, successor);
    expect(sealed.toString('utf8')).not.toContain(successor);
    expect(openSuccessor(rotated, sealed)).toBe(successor);
    expect(openSuccessor('x'.repeat(43), sealed)).toBeNull();
  });

  it('refuses an altered or truncated seal', () => {
    const sealed = sealSuccessor(rotated, successor);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(openSuccessor(rotated, altered)).toBeNull();
    expect(openSuccessor(rotated, sealed.subarray(0, 20))).toBeNull();
  });

  it('uses a fresh IV each time', () => {
    expect(sealSuccessor(rotated, successor)).not.toEqual(sealSuccessor(rotated, successor));
  });
});
