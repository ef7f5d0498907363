import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, useTestDatabase } from './test-database';

class CreateThings1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SCHEMA testing_self');
    await runner.query('CREATE TABLE testing_self.things (id int PRIMARY KEY)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA testing_self CASCADE');
  }
}

const options = { schema: 'testing_self', migrations: [CreateThings1700000000000] };
const db = useTestDatabase(options);

describe('test databases', () => {
  it('are migrated: the schema and the migrations table exist', async () => {
    const rows = await db().dataSource.query('SELECT name FROM testing_self_migrations');
    expect(rows).toEqual([{ name: 'CreateThings1700000000000' }]);
    await db().dataSource.query('INSERT INTO testing_self.things VALUES (1)');
  });

  it('are independent: a second clone of the template does not see the first one’s rows', async () => {
    const other = await createTestDatabase(options);
    try {
      expect(other.name).not.toBe(db().name);
      expect(await other.dataSource.query('SELECT id FROM testing_self.things')).toEqual([]);
      expect(await db().dataSource.query('SELECT id FROM testing_self.things')).toEqual([
        { id: 1 },
      ]);
    } finally {
      await other.drop();
    }
  });

  it('are dropped by drop()', async () => {
    const other = await createTestDatabase(options);
    await other.drop();
    const rows = await db().dataSource.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      other.name,
    ]);
    expect(rows).toEqual([]);
  });
});
