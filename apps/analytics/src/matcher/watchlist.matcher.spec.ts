import type { DetectionEventV1 } from '@gt-vision/shared-types';
import type { Gauge } from 'prom-client';
import type { EntriesVersion, WatchlistEntriesRepository } from './watchlist-entries.repository';
import type { ActiveEntry } from './watchlist-index';
import { WatchlistMatcher } from './watchlist.matcher';

class FakeEntries implements Pick<WatchlistEntriesRepository, 'version' | 'active'> {
  entries: ActiveEntry[] = [];
  current: EntriesVersion = { epoch: 'e', version: '1' };
  loads = 0;

  async version(): Promise<EntriesVersion> {
    return this.current;
  }

  async active(): Promise<ActiveEntry[]> {
    this.loads++;
    return [...this.entries];
  }

  add(plate: string): void {
    this.entries.push({
      id: plate,
      watchlistId: 'w',
      plate,
      match: 'exact',
      reason: 'r',
      severity: 'info',
      expiresAt: null,
    });
    this.current = { ...this.current, version: String(Number(this.current.version) + 1) };
  }
}

const detection = (plate: string) => ({ plate, alternatives: [] }) as unknown as DetectionEventV1;

function setup() {
  const repository = new FakeEntries();
  const gauge = { set: jest.fn() };
  const matcher = new WatchlistMatcher(
    repository as unknown as WatchlistEntriesRepository,
    gauge as unknown as Gauge<string>,
  );
  return { repository, gauge, matcher };
}

describe('WatchlistMatcher', () => {
  it('loads the entries before the first match', async () => {
    const { repository, matcher, gauge } = setup();
    repository.add('ABC1D23');
    expect(await matcher.match(detection('ABC1D23'))).toHaveLength(1);
    expect(gauge.set).toHaveBeenCalledWith(1);
  });

  it('reloads only when the version moved (another replica changed the entries)', async () => {
    const { repository, matcher } = setup();
    await matcher.current();
    await matcher.sync();
    expect(repository.loads).toBe(1);

    repository.add('XYZ9876');
    await matcher.sync();
    expect(repository.loads).toBe(2);
    expect(await matcher.match(detection('XYZ9876'))).toHaveLength(1);
  });

  it('gives the entries as committed now to the consumer, whatever replica changed them', async () => {
    const { repository, matcher } = setup();
    await matcher.current();
    repository.add('NEW1A23');
    const index = await matcher.latest();
    expect(index.match(detection('NEW1A23'), Date.now())).toHaveLength(1);
    await matcher.latest();
    expect(repository.loads).toBe(2);
  });

  it('reloads at once on refresh, and concurrent refreshes do not interleave', async () => {
    const { repository, matcher } = setup();
    await matcher.current();
    repository.add('AAA1111');
    await Promise.all([matcher.refresh(), matcher.refresh()]);
    expect(await matcher.match(detection('AAA1111'))).toHaveLength(1);
  });
});
