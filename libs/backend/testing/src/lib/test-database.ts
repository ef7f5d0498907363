import { afterAll, beforeAll } from '@jest/globals';
import { Database } from '@gt-vision/backend-database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import { clusterFromEnv } from './cluster-env';
import type { TestCluster } from './postgres-cluster';

export interface TestDatabaseOptions {
  /** The service's schema: names the template and the migrations table, as DatabaseModule does. */
  schema: string;
  /** The service's migrations, exactly as it runs them at start-up. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** A database of its own for one test file, cloned from the migrated template. */
export interface TestDatabase {
  readonly name: string;
  /** Connected, with a pool (so tests can hold two transactions at once). */
  readonly dataSource: DataSource;
  /** The same pool as services see it (DatabaseModule's Database): query, execute, transaction. */
  readonly database: Database;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function dataSourceFor(cluster: TestCluster, database: string, options?: TestDatabaseOptions) {
  return new DataSource({
    type: 'postgres',
    host: cluster.socketDir,
    username: cluster.user,
    database,
    migrations: options?.migrations ?? [],
    migrationsTableName: options && `${options.schema}_migrations`,
    migrationsTransactionMode: 'each',
    extra: { max: 5 },
  });
}

async function withAdmin<T>(cluster: TestCluster, work: (admin: Client) => Promise<T>) {
  const admin = new Client({ host: cluster.socketDir, user: cluster.user, database: 'postgres' });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The migrated template of `options.schema`, made by the first test file of the run that asks for
 * it; the others wait on the advisory lock and find it made. It is built under another name and
 * renamed once migrated, so a failed migration never leaves a half-made template behind.
 */
async function ensureTemplate(cluster: TestCluster, options: TestDatabaseOptions): Promise<string> {
  const template = `template_${options.schema}`;
  await withAdmin(cluster, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return;
    const building = `${template}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${identifier(building)}`);
    await admin.query(`CREATE DATABASE ${identifier(building)}`);
    const migrator = dataSourceFor(cluster, building, options);
    try {
      await migrator.initialize();
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      if (migrator.isInitialized) await migrator.destroy();
    }
    await admin.query(`ALTER DATABASE ${identifier(building)} RENAME TO ${identifier(template)}`);
  });
  return template;
}

/** Clones the migrated template into a new database (a file copy: milliseconds, not migrations). */
export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const cluster = clusterFromEnv();
  const template = await ensureTemplate(cluster, options);
  const name = `test_${options.schema}_${randomBytes(4).toString('hex')}`;
  await withAdmin(cluster, (admin) =>
    admin.query(`CREATE DATABASE ${identifier(name)} TEMPLATE ${identifier(template)}`),
  );
  const dataSource = dataSourceFor(cluster, name);
  await dataSource.initialize();
  return {
    name,
    dataSource,
    database: new Database(dataSource),
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin(cluster, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * A fresh database for the calling test file: created before its first test, dropped after its
 * last. Call at the top of the file; the returned function gives the database inside tests.
 */
export function useTestDatabase(options: TestDatabaseOptions): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('the test database is made in beforeAll; use it inside tests');
    return database;
  };
}
