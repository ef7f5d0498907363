import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a test cluster is reached: a unix socket only, so runs never compete for a TCP port. */
export interface TestCluster {
  /** The directory of the unix socket (`host` for node-postgres and TypeORM). */
  socketDir: string;
  /** A superuser, trusted on the socket (the cluster lives for one run and listens on nothing else). */
  user: string;
}

const PG_BIN = process.env['GTV_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const RUN_PREFIX = 'gtv-test-pg-';
const SUPERUSER = 'gtv_test';
/** PostgreSQL refuses to run as root; the Debian package's own user runs it then (as the stack does). */
const SERVICE_USER = 'postgres';
const OWNER_FILE = 'owner.pid';

const SERVER_OPTIONS = [
  "-c listen_addresses=''",
  '-c shared_buffers=32MB',
  '-c max_connections=50',
];
/**
 * Durability is pointless for a database thrown away after the run; without it a run spends its
 * time in migrations and tests rather than in fsync. Benchmarks that measure commits keep it.
 */
const NOT_DURABLE = ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];

function asServerUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return [
    'setpriv',
    [`--reuid=${SERVICE_USER}`, `--regid=${SERVICE_USER}`, '--init-groups', '--', command, ...args],
  ];
}

function run(command: string, args: string[]): void {
  const [file, argv] = asServerUser(command, args);
  try {
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(
      `${command} ${args.join(' ')} failed: ${stderr?.toString() || stdout?.toString() || (error as Error).message}`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops the server of `dir` at once (nothing in it is worth a checkpoint) and removes it. */
function destroy(dir: string): void {
  if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
    try {
      run(join(PG_BIN, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-w']);
    } catch {
      // Already stopped: its pid file was stale.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** A run killed before its teardown leaves its cluster behind; the next run stops and removes it. */
function removeAbandoned(): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(RUN_PREFIX)) continue;
    const dir = join(tmpdir(), entry);
    const owner = Number(readFileSafe(join(dir, OWNER_FILE)));
    if (!owner || !isAlive(owner)) destroy(dir);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts a throwaway PostgreSQL cluster (the Debian binaries the stack uses) in a fresh temporary
 * directory: initdb, then the server on a unix socket in that directory. Takes about two seconds.
 * `durable` keeps fsync and synchronous commits, as the stack's PostgreSQL has them.
 */
export function startTestCluster({ durable = false } = {}): TestCluster & { stop(): void } {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(
      `PostgreSQL not found in ${PG_BIN} (tools/gtv install installs it; GTV_PG_BIN moves it)`,
    );
  }
  removeAbandoned();
  const dir = mkdtempSync(join(tmpdir(), RUN_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', SERVICE_USER]).toString());
    const gid = Number(execFileSync('id', ['-g', SERVICE_USER]).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    destroy(dir);
  };
  try {
    run(join(PG_BIN, 'initdb'), [
      `--pgdata=${data}`,
      `--username=${SUPERUSER}`,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
      '--no-instructions',
    ]);
    run(join(PG_BIN, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'postgres.log'),
      '-o',
      [`-k ${dir}`, ...SERVER_OPTIONS, ...(durable ? [] : NOT_DURABLE)].join(' '),
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  return { socketDir: dir, user: SUPERUSER, stop };
}
