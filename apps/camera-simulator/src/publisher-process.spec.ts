import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublisherProcess } from './publisher-process';

/**
 * A stand-in for the Go publisher speaking its protocol: it records its commands, argv and environment,
 * answers stop with "stopped", fails sessions publishing sim_13 at once and exits on one publishing sim_66.
 */
const FAKE = `
const { appendFileSync, writeFileSync } = require('node:fs');
const [log, seen] = [process.env.FAKE_LOG, process.env.FAKE_SEEN];
writeFileSync(seen, JSON.stringify({ argv: process.argv.slice(2), url: process.env.PUBLISHER_RTSP_URL }));
const send = (event) => process.stdout.write(JSON.stringify(event) + '\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  appendFileSync(log, line + '\\n');
  const c = JSON.parse(line);
  if (c.cmd === 'start' && c.feeds[0]?.path === 'sim_13') send({ event: 'failed', id: c.id, error: 'sim_13: 401 Unauthorized' });
  if (c.cmd === 'start' && c.feeds[0]?.path === 'sim_66') process.exit(3);
  if (c.cmd === 'stop') send({ event: 'stopped', id: c.id });
});
`;

describe('PublisherProcess', () => {
  let dir: string;
  let binary: string;
  let publisher: PublisherProcess;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'publisher-'));
    binary = join(dir, 'publisher');
    await writeFile(binary, `#!${process.execPath}\n${FAKE}`);
    await chmod(binary, 0o755);
    process.env['FAKE_LOG'] = join(dir, 'commands');
    process.env['FAKE_SEEN'] = join(dir, 'seen');
    publisher = new PublisherProcess(binary, 'rtsp://simulator:secret@127.0.0.1:8554');
  });

  afterEach(async () => {
    await publisher.close();
    await rm(dir, { recursive: true, force: true });
  });

  const commands = async () =>
    (await readFile(join(dir, 'commands'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  it('starts one process for all sessions, with the URL in its environment and not its argv', async () => {
    const feeds = [{ clip: '/c/cam_1.mp4', path: 'sim_1' }];
    const first = publisher.start(feeds);
    const second = publisher.start([{ clip: '/c/cam_2.mp4', path: 'sim_2' }]);
    expect(publisher.pid).toBeGreaterThan(0);
    first.pause();
    first.resume();
    await first.stop();
    await second.stop();
    expect(await commands()).toEqual([
      { cmd: 'start', feeds, id: 1 },
      { cmd: 'start', feeds: [{ clip: '/c/cam_2.mp4', path: 'sim_2' }], id: 2 },
      { cmd: 'pause', id: 1 },
      { cmd: 'resume', id: 1 },
      { cmd: 'stop', id: 1 },
      { cmd: 'stop', id: 2 },
    ]);
    const seen = JSON.parse(await readFile(join(dir, 'seen'), 'utf8'));
    expect(seen).toEqual({ argv: [], url: 'rtsp://simulator:secret@127.0.0.1:8554' });
  });

  it('reports a session that failed with its reason, leaving the others alone', async () => {
    const healthy = publisher.start([{ clip: '/c/cam_1.mp4', path: 'sim_1' }]);
    const failing = publisher.start([{ clip: '/c/cam_13.mp4', path: 'sim_13' }]);
    expect(await failing.failed).toBe('sim_13: 401 Unauthorized');
    await healthy.stop();
    let failed = false;
    void healthy.failed.then(() => (failed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failed).toBe(false);
  });

  it('fails every session when the process exits, and starts a new process for the next', async () => {
    const healthy = publisher.start([{ clip: '/c/cam_1.mp4', path: 'sim_1' }]);
    const pid = publisher.pid;
    const crashing = publisher.start([{ clip: '/c/cam_66.mp4', path: 'sim_66' }]);
    expect(await healthy.failed).toBe('publisher process exited (code 3)');
    expect(await crashing.failed).toBe('publisher process exited (code 3)');
    await healthy.stop();
    const next = publisher.start([{ clip: '/c/cam_2.mp4', path: 'sim_2' }]);
    expect(publisher.pid).not.toBe(pid);
    await next.stop();
  });
});
