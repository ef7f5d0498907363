import { Client } from 'pg';
import { secret } from './stack';

const POSTGRES_PORT = Number(process.env['GTV_POSTGRES_PORT'] ?? 5432);

/**
 * A client of the stack's PostgreSQL itself (not PgBouncer), as the services' role: for tests that must
 * prove what is stored, which no API answers in full (e.g. that an id is there exactly once).
 */
export async function databaseClient(): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port: POSTGRES_PORT,
    database: 'gtvision',
    user: 'gtvision',
    password: secret('GTV_DB_PASSWORD'),
  });
  await client.connect();
  return client;
}
