import { execFileSync } from 'node:child_process';
import { edge, eventually } from './support/stack';

function pidOf(pattern: string): number | undefined {
  try {
    return Number(execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).split('\n')[0]);
  } catch {
    return undefined;
  }
}

describe('the supervisor', () => {
  it('restarts a crashed service, which is ready again through the edge', async () => {
    const pattern = 'dist/apps/ingest/main.js';
    const before = pidOf(pattern);
    expect(before).toBeGreaterThan(0);
    process.kill(before as number, 'SIGKILL');

    await eventually(async () => {
      const after = pidOf(pattern);
      expect(after).toBeGreaterThan(0);
      expect(after).not.toBe(before);
      const res = await edge('/health/ingest/ready');
      expect(res.status).toBe(200);
    }, 75_000);
  }, 90_000);
});
