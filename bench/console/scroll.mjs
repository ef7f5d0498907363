// A scripted scroll through the detections list with 1 000 000 rows in the database: frame times while the
// CDK virtual scroll renders rows, shows skeletons and fetches cursor pages as it goes. The rows are seeded
// once by COPY (source 'bench-console', captured over the last 6 hours, so they are the newest and open the
// list); a later run reuses them. The page scrolls by BENCH_SCROLL_PX_PER_S (default 3000, a fast flick held)
// for BENCH_SCROLL_SECONDS (default 20), moving the viewport once per animation frame, and records every
// requestAnimationFrame interval. Target: p95 frame time < 16.7 ms (60 frames a second).
import { spawn } from 'node:child_process';
import { copyLine, COPY_COLUMNS, detectionEvent, rng } from '../lib/detections.mjs';
import { percentile } from '../lib/stats.mjs';
import { host, int, ports, psql, secrets } from '../lib/stack.mjs';
import { edge, launch, signedInPage } from './browser.mjs';

const ROWS = 1_000_000;
const SOURCE = 'bench-console';
const TARGET_MS = 16.7;

/** Streams `rows` detections into `analytics.detections` through one COPY … FROM STDIN. */
function copyRows(rows) {
  const psqlBin = `${process.env.GTV_PG_BIN || '/usr/lib/postgresql/15/bin'}/psql`;
  const sql = `COPY analytics.detections (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`;
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', ports.GTV_POSTGRES_PORT];
  const child = spawn(psqlBin, [...args, '-U', 'postgres', '-d', 'gtvision', '-c', sql], {
    env: { ...process.env, PGPASSWORD: secrets().GTV_DB_ADMIN_PASSWORD },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`COPY: ${err}`)))),
  );
  const r = rng(11);
  const spanMs = 6 * 3_600_000;
  const fromMs = Date.now() - spanMs;
  return (async () => {
    for (let i = 0; i < rows; i += 10_000) {
      const batch = [];
      for (let j = i; j < Math.min(rows, i + 10_000); j++)
        batch.push(copyLine(detectionEvent(r, { source: SOURCE, cameras: 16, fromMs, spanMs })));
      if (!child.stdin.write(batch.join('\n') + '\n'))
        await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
    child.stdin.end();
    await done;
  })();
}

export async function seedRows(log) {
  const have = Number(psql(`SELECT count(*) FROM analytics.detections WHERE source = '${SOURCE}'`));
  const total = Number(psql('SELECT count(*) FROM analytics.detections'));
  if (have < ROWS) {
    log(`seeding ${ROWS - have} detections by COPY (have ${have} of ${ROWS})…`);
    const t0 = Date.now();
    await copyRows(ROWS - have);
    psql('ANALYZE analytics.detections');
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  return Math.max(total, Number(psql('SELECT count(*) FROM analytics.detections')));
}

export async function scrollFrames(log) {
  const rowsInDb = await seedRows(log);
  const seconds = int('BENCH_SCROLL_SECONDS', 20);
  const speed = int('BENCH_SCROLL_PX_PER_S', 3000);
  const browser = await launch();
  try {
    const { page } = await signedInPage(browser);
    await page.goto(`${edge}/detections`);
    await page
      .locator('cdk-virtual-scroll-viewport [data-detection]')
      .first()
      .waitFor({ timeout: 30_000 });
    const run = await page.evaluate(
      ({ seconds, speed }) =>
        new Promise((resolve) => {
          const viewport = document.querySelector('cdk-virtual-scroll-viewport');
          const frames = [];
          let skeletonFrames = 0;
          let last = performance.now();
          const end = last + seconds * 1000;
          const step = (now) => {
            frames.push(now - last);
            viewport.scrollTop += (speed * (now - last)) / 1000;
            if (viewport.querySelector('.skeleton')) skeletonFrames++;
            last = now;
            if (now < end) requestAnimationFrame(step);
            else
              resolve({
                frames,
                skeletonFrames,
                scrollTop: viewport.scrollTop,
                rows: viewport.querySelectorAll('[data-detection]').length,
              });
          };
          requestAnimationFrame(step);
        }),
      { seconds, speed },
    );
    const rowHeight = await page.$eval(
      'cdk-virtual-scroll-viewport [role="listitem"]',
      (el) => el.getBoundingClientRect().height,
    );
    const frames = run.frames.slice(1).sort((a, b) => a - b);
    const p = (q) => percentile(frames, q);
    const over = frames.filter((f) => f > TARGET_MS + 0.5).length;
    const rowsPassed = Math.round(run.scrollTop / rowHeight);
    const ok = p(95) < TARGET_MS;
    const lines = [
      `## Detections list scroll, ${seconds} s at ${speed} px/s`,
      '',
      `${rowsInDb.toLocaleString('en')} rows in analytics.detections. Scrolled past ${rowsPassed} rows ` +
        `(${rowHeight} px each), the list fetching cursor pages of 100 as it went; skeleton rows on screen in ` +
        `${run.skeletonFrames} of ${frames.length} frames.`,
      '',
      `Frame times (requestAnimationFrame intervals, ${frames.length} frames): p50 ${p(50).toFixed(1)} ms, ` +
        `p95 **${p(95).toFixed(1)} ms**, p99 ${p(99).toFixed(1)} ms, max ${frames.at(-1).toFixed(1)} ms; ` +
        `${over} frames over ${TARGET_MS} ms. Target p95 < ${TARGET_MS} ms: ${ok ? 'met' : '**missed**'}.`,
    ];
    return {
      lines,
      ok,
      result: {
        rowsInDb,
        seconds,
        speed,
        rowHeight,
        rowsPassed,
        skeletonFrames: run.skeletonFrames,
        frames: frames.length,
        p50: p(50),
        p95: p(95),
        p99: p(99),
        max: frames.at(-1),
        over,
        target: TARGET_MS,
      },
    };
  } finally {
    await browser.close();
  }
}
