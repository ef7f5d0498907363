import { PasswordHashConfig } from './password-hash.config';
import { PasswordHasher, PasswordHashingBusyException, type ScryptParams } from './password.hasher';

/** Cheaper parameters, as an older installation would have stored them. */
class OlderHasher extends PasswordHasher {
  protected override readonly params: ScryptParams = { ln: 12, r: 8, p: 1 };
}

// Real scrypt at the production cost (32 MiB, ~0.1 s each on an idle core): with every project's tests
// sharing two cores, a test of a few hashes can take longer than Jest's default 5 s.
jest.setTimeout(30_000);

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(new PasswordHashConfig());

  it('stores scrypt with its parameters and a random salt', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password and only it', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery ', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('still verifies hashes made with older parameters, and asks for a re-hash', async () => {
    const old = await new OlderHasher(new PasswordHashConfig()).hash('correct horse battery');
    expect(old).toContain('$ln=12,');
    expect(await hasher.verify('correct horse battery', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
  });

  it('refuses stored values it does not understand, or that would cost too much', async () => {
    const huge = '$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43);
    for (const stored of ['', 'plaintext', '$argon2id$v=19$m=65536,t=3,p=4$abc$def', huge]) {
      expect(await hasher.verify('anything', stored)).toBe(false);
      expect(hasher.needsRehash(stored)).toBe(true);
    }
  });

  it('spends a real verification on unknown users and never succeeds', async () => {
    expect(await hasher.verifyAgainstDummy('correct horse battery')).toBe(false);
  });

  it('runs off the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([hasher.hash('a'), hasher.hash('b')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('hashes one at a time by default, and refuses at once beyond the waiting room', async () => {
    const config = Object.assign(new PasswordHashConfig(), { PASSWORD_HASH_MAX_WAITING: 1 });
    const small = new PasswordHasher(config);
    const results = await Promise.allSettled([
      small.hash('one'),
      small.hash('two'),
      small.hash('three'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = (results[2] as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(PasswordHashingBusyException);
    expect(refused.getStatus()).toBe(503);
    expect(refused.retryAfterSeconds).toBe(1);
  });

  it('tries the dummy hash again when hashing was too busy to make it', async () => {
    const config = Object.assign(new PasswordHashConfig(), { PASSWORD_HASH_MAX_WAITING: 0 });
    const small = new PasswordHasher(config);
    const busy = small.hash('keeps the only slot');
    await expect(small.verifyAgainstDummy('x')).rejects.toBeInstanceOf(
      PasswordHashingBusyException,
    );
    await busy;
    await expect(small.verifyAgainstDummy('x')).resolves.toBe(false);
  });
});
