// Where the stack listens and its secrets, the benchmarks' integer settings, and SQL as the superuser
// through psql. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const state = process.env.GTV_STATE || '/var/lib/gt-vision';

export function readEnvFile(path) {
  const out = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export const ports = readEnvFile(join(root, 'tools/stack/ports.env'));
export const host = ports.GTV_HOST || '127.0.0.1';
export const edge = `http://${host}:${ports.GTV_EDGE_HTTP_PORT}`;
export const secrets = () => readEnvFile(join(state, 'secrets.env'));

/** One secret of the running stack; throws when the stack has not written it. */
export function secret(name) {
  const value = secrets()[name];
  if (value === undefined) throw new Error(`${name} not in ${state}/secrets.env`);
  return value;
}

/** A whole number from the environment, at least `min` (1 unless a 0 means something: "none"). */
export function int(name, fallback, { min = 1 } = {}) {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return v;
}

const PSQL = `${process.env.GTV_PG_BIN || '/usr/lib/postgresql/15/bin'}/psql`;

/** psql as the superuser, straight to PostgreSQL (not PgBouncer): bulk loads and DDL. */
export function psql(sql, { file, timeoutMs = 3_600_000 } = {}) {
  const args = [
    '-X',
    '-q',
    '-A',
    '-t',
    '-v',
    'ON_ERROR_STOP=1',
    '-h',
    host,
    '-p',
    ports.GTV_POSTGRES_PORT,
  ];
  args.push('-U', 'postgres', '-d', 'gtvision', ...(file ? ['-f', file] : ['-c', sql]));
  return execFileSync(PSQL, args, {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: secrets().GTV_DB_ADMIN_PASSWORD },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

/**
 * Runs a script through psql's standard input in the background: each statement is its own
 * transaction (unlike `-c`), so VACUUM works and locks are held only as long as each statement.
 */
export function psqlAsync(sql) {
  return new Promise((resolveRun, reject) => {
    const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', ports.GTV_POSTGRES_PORT];
    const child = spawn(PSQL, [...args, '-U', 'postgres', '-d', 'gtvision', '-f', '-'], {
      env: { ...process.env, PGPASSWORD: secrets().GTV_DB_ADMIN_PASSWORD },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`psql exited ${code}: ${err}`)),
    );
    child.stdin.end(sql);
  });
}
