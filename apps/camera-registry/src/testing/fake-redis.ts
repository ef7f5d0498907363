/**
 * In-memory stand-in for the few Redis commands the registry uses (INCR, EXPIRE [NX], PTTL, SET EX,
 * DEL, GET, MGET, MULTI and pipelines), with expiry on `Date.now()` so that fake timers drive it.
 */
export class FakeRedis {
  down = false;
  private readonly entries = new Map<string, { value: string; expiresAt?: number }>();

  async get(key: string): Promise<string | null> {
    this.check();
    return this.read(key)?.value ?? null;
  }

  async mget(...keys: string[]): Promise<(string | null)[]> {
    this.check();
    return keys.map((key) => this.read(key)?.value ?? null);
  }

  async set(key: string, value: string, _ex?: 'EX', seconds?: number): Promise<'OK'> {
    this.check();
    return this.setNow(key, value, seconds);
  }

  multi(): FakeTransaction {
    return new FakeTransaction(this);
  }

  pipeline(): FakeTransaction {
    return new FakeTransaction(this);
  }

  has(key: string): boolean {
    return this.read(key) !== undefined;
  }

  check(): void {
    if (this.down) throw new Error('Connection is closed.');
  }

  incrNow(key: string): number {
    const entry = this.read(key);
    const value = Number(entry?.value ?? 0) + 1;
    this.entries.set(key, { value: String(value), expiresAt: entry?.expiresAt });
    return value;
  }

  expireNow(key: string, seconds: number, mode?: 'NX'): number {
    const entry = this.read(key);
    if (!entry || (mode === 'NX' && entry.expiresAt !== undefined)) return 0;
    entry.expiresAt = Date.now() + seconds * 1000;
    return 1;
  }

  pttlNow(key: string): number {
    const entry = this.read(key);
    if (!entry) return -2;
    return entry.expiresAt === undefined ? -1 : entry.expiresAt - Date.now();
  }

  setNow(key: string, value: string, seconds?: number): 'OK' {
    const expiresAt = seconds === undefined ? undefined : Date.now() + seconds * 1000;
    this.entries.set(key, { value, expiresAt });
    return 'OK';
  }

  delNow(...keys: string[]): number {
    return keys.filter((key) => this.entries.delete(key)).length;
  }

  private read(key: string) {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

class FakeTransaction {
  private readonly commands: (() => unknown)[] = [];

  constructor(private readonly redis: FakeRedis) {}

  incr(key: string) {
    return this.queue(() => this.redis.incrNow(key));
  }
  expire(key: string, seconds: number, mode?: 'NX') {
    return this.queue(() => this.redis.expireNow(key, seconds, mode));
  }
  pttl(key: string) {
    return this.queue(() => this.redis.pttlNow(key));
  }
  set(key: string, value: string, _ex?: 'EX', seconds?: number) {
    return this.queue(() => this.redis.setNow(key, value, seconds));
  }
  del(...keys: string[]) {
    return this.queue(() => this.redis.delNow(...keys));
  }

  async exec(): Promise<[Error | null, unknown][]> {
    this.redis.check();
    return this.commands.map((command) => [null, command()]);
  }

  private queue(command: () => unknown): this {
    this.commands.push(command);
    return this;
  }
}
