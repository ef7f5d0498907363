import { useTestDatabase } from '@gt-vision/backend-testing';
import { migrations } from '../migrations';
import { WatchlistEntriesRepository } from './watchlist-entries.repository';

const db = useTestDatabase({ schema: 'analytics', migrations });
const entries = () => new WatchlistEntriesRepository(db().database);

async function addEntry(plate: string): Promise<void> {
  const [list] = await db().database.query<{ id: string }>(
    `INSERT INTO analytics.watchlists (name, created_by) VALUES ('stolen', 'test') RETURNING id`,
  );
  await db().database.execute(
    `INSERT INTO analytics.watchlist_entries (watchlist_id, plate, match, reason, severity, created_by)
     VALUES ($1, $2, 'exact', 'stolen', 'critical', 'test')`,
    [list.id, plate],
  );
}

describe('WatchlistEntriesRepository on PostgreSQL', () => {
  it('sees the version move with each committed change to the entries, and only then', async () => {
    const start = await entries().version();
    expect(start.epoch).toMatch(/^[0-9a-f-]{36}$/);
    await addEntry('ABC1D23');
    const added = await entries().version();
    expect(added).toEqual({ epoch: start.epoch, version: String(Number(start.version) + 1) });
    // A statement that changes no row leaves it where it is (a cache stays valid).
    await db().database.execute(`DELETE FROM analytics.watchlist_entries WHERE plate = 'NONE'`);
    expect(await entries().version()).toEqual(added);
    // A bulk change moves it once.
    await addEntry('XYZ9K88');
    await db().database.execute(`UPDATE analytics.watchlist_entries SET reason = 'found'`);
    expect((await entries().version()).version).toBe(String(Number(added.version) + 2));
    expect((await entries().active()).map((e) => e.plate).sort()).toEqual(['ABC1D23', 'XYZ9K88']);
  });
});
