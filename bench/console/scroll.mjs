// A scripted scroll through the detections list with 1 000 000 rows in the database: frame times while the
// CDK virtual scroll renders rows, shows skeletons and fetches cursor pages as it goes. The rows are seeded
// once by COPY (source 'bench-console', captured over the last 6 hours, so they are the newest and open the
// list); a later run reuses them. The page scrolls by BENCH_SCROLL_PX_PER_S (default 3000, a fast flick held)
// for BENCH_SCROLL_SECONDS (default 20), moving the viewport once per animation frame, and records every
// requestAnimationFrame interval; then the same scroll over a static page of plain rows, the reference the
// list is read beside. Target: p95 frame time < 16.7 ms (60 frames a second).
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

const VIEWPORT = 'cdk-virtual-scroll-viewport';

/**
 * Runs in the page: scrolls `selector` by `speed` px/s for `seconds`, moving it once per animation frame,
 * and returns every requestAnimationFrame interval.
 */
function scrollFor({ selector, seconds, speed }) {
  return new Promise((resolve) => {
    const viewport = document.querySelector(selector);
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
  });
}

/**
 * The reference, same browser and machine, same run: the same scroll over a static page of plain rows as
 * tall as the list's (no framework, no fetches, no virtual scrolling). What this page cannot hold, no list
 * can on this machine: the list's figures are read beside it.
 */
async function referenceFrames(browser, { seconds, speed, rowHeight, viewportSize }) {
  const page = await browser.newPage({ viewport: viewportSize });
  try {
    const rows = Array.from(
      { length: Math.ceil((seconds * speed) / rowHeight) + 100 },
      (_, i) =>
        `<div style="height:${rowHeight}px;display:flex;gap:16px;align-items:center">` +
        `<b>ABC${String(i % 10_000).padStart(4, '0')}</b><span>camera ${i % 16}</span>` +
        `<span>${new Date(1_764_000_000_000 + i * 1000).toISOString()}</span><span>0.9${i % 10}</span></div>`,
    ).join('');
    await page.setContent(`<div id="reference" style="height:100vh;overflow:auto">${rows}</div>`);
    const run = await page.evaluate(scrollFor, { selector: '#reference', seconds, speed });
    return run.frames.slice(1).sort((a, b) => a - b);
  } finally {
    await page.close();
  }
}

/** Percentiles of sorted frame intervals and how many missed a 60 Hz frame. */
function frameFigures(sorted) {
  const p = (q) => percentile(sorted, q);
  return {
    frames: sorted.length,
    p50: p(50),
    p95: p(95),
    p99: p(99),
    max: sorted.at(-1),
    over: sorted.filter((f) => f > TARGET_MS + 0.5).length,
  };
}

export async function scrollFrames(log) {
  const rowsInDb = await seedRows(log);
  const seconds = int('BENCH_SCROLL_SECONDS', 20);
  const speed = int('BENCH_SCROLL_PX_PER_S', 3000);
  const browser = await launch();
  try {
    const { page } = await signedInPage(browser);
    await page.goto(`${edge}/detections`);
    await page.locator(`${VIEWPORT} [data-detection]`).first().waitFor({ timeout: 30_000 });
    const run = await page.evaluate(scrollFor, { selector: VIEWPORT, seconds, speed });
    const rowHeight = await page.$eval(
      'cdk-virtual-scroll-viewport [role="listitem"]',
      (el) => el.getBoundingClientRect().height,
    );
    const frames = run.frames.slice(1).sort((a, b) => a - b);
    const reference = await referenceFrames(browser, {
      seconds,
      speed,
      rowHeight,
      viewportSize: page.viewportSize(),
    });
    const list = frameFigures(frames);
    const plain = frameFigures(reference);
    const rowsPassed = Math.round(run.scrollTop / rowHeight);
    const ok = list.p95 < TARGET_MS;
    const row = (name, f) =>
      `| ${name} | ${f.frames} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ` +
      `${f.max.toFixed(1)} | ${f.over} |`;
    const lines = [
      `## Detections list scroll, ${seconds} s at ${speed} px/s`,
      '',
      `${rowsInDb.toLocaleString('en')} rows in analytics.detections. Scrolled past ${rowsPassed} rows ` +
        `(${rowHeight} px each), the list fetching cursor pages of 100 as it went; skeleton rows on screen in ` +
        `${run.skeletonFrames} of ${frames.length} frames.`,
      '',
      `| page | frames | p50 ms | p95 ms | p99 ms | max ms | frames over ${TARGET_MS} ms |`,
      '|---|---:|---:|---:|---:|---:|---:|',
      row('the detections list', list),
      row('reference: static rows, no framework', plain),
      '',
      `Frame times are requestAnimationFrame intervals. Target p95 < ${TARGET_MS} ms: ` +
        `${ok ? 'met' : '**missed**'}; frames over ${TARGET_MS} ms: list ` +
        `${((list.over / list.frames) * 100).toFixed(1)} %, reference ` +
        `${((plain.over / plain.frames) * 100).toFixed(1)} %.`,
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
        ...list,
        reference: plain,
        target: TARGET_MS,
      },
    };
  } finally {
    await browser.close();
  }
}
