import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ConcurrencyLimit, ConcurrencyLimitFullError } from '../common/concurrency-limit';
import { lowerThreadPoolPriority } from '../common/thread-pool-priority';
import { PasswordHashConfig } from './password-hash.config';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB per hash. OWASP asks for p = 3 at this memory (or N = 2^17 with
 * p = 1); raise the cost here when the login rate allows, stored hashes upgrade themselves.
 */
export const CURRENT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored hash is data: bounds keep a corrupted or planted row from costing gigabytes to verify.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes (plus 128·r·p); Node refuses anything above maxmem.
    maxmem: 128 * params.r * (N + params.p) + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function parse(stored: string) {
  const match = FORMAT.exec(stored);
  if (!match) return null;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4], 'base64');
  const hash = Buffer.from(match[5], 'base64');
  const memory = 128 * params.r * 2 ** params.ln;
  const sane =
    params.ln >= 10 &&
    params.r >= 1 &&
    params.p >= 1 &&
    params.p <= 16 &&
    memory <= MAX_MEMORY_BYTES;
  return sane && hash.length === KEY_BYTES ? { params, salt, hash } : null;
}

/** Too many hashes are waiting: 503, and `RetryAfterInterceptor` tells the client when to retry. */
export class PasswordHashingBusyException extends ServiceUnavailableException {
  readonly retryAfterSeconds = 1;

  constructor() {
    super('too many logins at once; retry in a second');
  }
}

/**
 * Memory-hard password hashing with scrypt, run on libuv's thread pool so the event loop stays free.
 * The stored string carries its parameters (`$scrypt$ln=15,r=8,p=1$salt$hash`), so the cost can be
 * raised later: old hashes still verify and are re-hashed at the next successful login.
 *
 * Hashing is bounded (PasswordHashConfig) and its threads run at a lower priority: a burst of logins
 * queues behind itself instead of taking the CPU from every other request, and a flood of them is
 * refused with 503 rather than held in memory at 32 MiB a hash.
 */
@Injectable()
export class PasswordHasher {
  protected readonly params: ScryptParams = CURRENT_SCRYPT;
  private dummy?: Promise<string>;
  private readonly limit: ConcurrencyLimit;
  private poolLowered = false;

  constructor(private readonly config: PasswordHashConfig) {
    this.limit = new ConcurrencyLimit(
      config.PASSWORD_HASH_CONCURRENCY,
      config.PASSWORD_HASH_MAX_WAITING,
    );
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await this.derive(password, salt, this.params);
    const { ln, r, p } = this.params;
    return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`;
  }

  /** False for a wrong password and for a stored value that is not a hash we understand. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = await this.derive(password, parsed.salt, parsed.params);
    return timingSafeEqual(key, parsed.hash);
  }

  /**
   * Spends the same time as a real verification, for a username that does not exist, so that the
   * answer's timing does not tell which usernames do.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    // Not kept if it failed (hashing busy): the next unknown username tries again, rather than
    // answering 503 where a known one answers 401.
    this.dummy ??= this.hash(randomBytes(16).toString('hex')).catch((error: unknown) => {
      this.dummy = undefined;
      throw error;
    });
    await this.verify(password, await this.dummy);
    return false;
  }

  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    if (!parsed) return true;
    const { ln, r, p } = parsed.params;
    return ln < this.params.ln || r < this.params.r || p < this.params.p;
  }

  private async derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
    try {
      return await this.limit.run(() => derive(password, salt, params));
    } catch (error) {
      if (error instanceof ConcurrencyLimitFullError) throw new PasswordHashingBusyException();
      throw error;
    } finally {
      // The pool's threads exist once the first job has run on it.
      if (!this.poolLowered) {
        this.poolLowered = lowerThreadPoolPriority(this.config.PASSWORD_HASH_NICE) > 0;
      }
    }
  }
}
