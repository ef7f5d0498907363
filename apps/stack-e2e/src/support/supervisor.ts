import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { eventually, listenerPid, STATE } from './stack';

const ROOT = join(__dirname, '../../../..');

/**
 * Runs a process-compose command against the stack under test (its socket is in $GTV_STATE), e.g.
 * `supervisor('process', 'stop', 'kafka')`: what an operator would do, and unlike a kill, the
 * supervisor does not restart a process it was told to stop.
 */
export function supervisor(...args: string[]): string {
  const bin = execFileSync(join(ROOT, 'tools/install/process-compose.sh'), { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop() as string;
  return execFileSync(bin, ['-U', '-u', join(STATE, 'supervisor.sock'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Starts a process the tests may have stopped; one that is already running is left as it is. */
export function ensureStarted(name: string): void {
  try {
    supervisor('process', 'start', name);
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? error);
    if (!output.includes('already running')) throw error;
  }
}

/**
 * Kills (SIGKILL: a crash, no goodbye) the component listening on `port`, found by its socket so that
 * it is this stack's even when others run on the host, and waits until the supervisor has restarted it
 * and it listens again. Resolves with the new pid.
 */
export async function crashAndAwaitRestart(port: number, timeoutMs = 90_000): Promise<number> {
  const pid = listenerPid(port);
  expect(pid).toBeGreaterThan(0);
  process.kill(pid as number, 'SIGKILL');
  return eventually(async () => {
    const restarted = listenerPid(port);
    expect(restarted).toBeGreaterThan(0);
    expect(restarted).not.toBe(pid);
    return restarted as number;
  }, timeoutMs);
}
