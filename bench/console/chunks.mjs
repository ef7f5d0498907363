// The console's production build, chunk by chunk, raw and gzipped (level 9, as nginx's gzip_static would
// serve it), against the issue's budgets:
//   initial JS (what index.html loads before the first page) ≤ 150 KB gzipped,
//   each lazy route chunk ≤ 100 KB gzipped, the hls.js chunk (fetched only by a tile falling back to
//   LL-HLS) ≤ 110 KB gzipped.
// Angular's own `budgets` (apps/console/project.json) can only bound raw sizes; this measures what
// travels. Reference in the same run: the full hls.js build beside the light one the console ships.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../lib/stack.mjs';

const dist = join(root, 'dist/apps/console/browser');
const KB = 1024;
const BUDGET = { initial: 150 * KB, route: 100 * KB, hls: 110 * KB };

/** Lazy chunks are named after what they hold: a component selector or a library's marker. */
const MARKERS = [
  ['hls.js (LL-HLS fallback)', 'fragLoadError'],
  ['route: wall', 'gtv-wall'],
  ['route: cameras', 'gtv-camera-list'],
  ['route: detections', 'gtv-detection-list'],
  ['route: alerts, watchlists', 'gtv-alert-list'],
  ['route: login, password', 'gtv-login'],
  ['route: system status', 'gtv-system-status'],
];

/** Builds first unless `build` is false (`nx run console:build`, cached when nothing changed). */
export function chunkSizes({ build }) {
  if (build) {
    execFileSync('npx', ['nx', 'run', 'console:build', '--output-style=static'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    });
  }

  const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const source = Object.fromEntries(files.map((f) => [f, readFileSync(join(dist, f))]));

  // Initial: the scripts of index.html and everything they import statically (not `import()`).
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = new Set();
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]);
  while (queue.length > 0) {
    const file = queue.pop();
    if (initial.has(file) || !source[file]) continue;
    initial.add(file);
    const text = source[file].toString('utf8');
    for (const m of text.matchAll(
      /(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      queue.push(m[1]);
    }
  }

  const chunks = files
    .map((file) => {
      const text = source[file].toString('utf8');
      const kind = initial.has(file) ? 'initial' : 'lazy';
      const holds = MARKERS.filter(([, marker]) => text.includes(marker)).map(([name]) => name);
      const what = kind === 'initial' ? 'initial' : (holds[0] ?? 'shared lazy code');
      const budget = what.startsWith('hls') ? BUDGET.hls : kind === 'lazy' ? BUDGET.route : null;
      return { file, kind, what, raw: source[file].length, gzip: gz(source[file]), budget };
    })
    .sort((a, b) => b.gzip - a.gzip);

  const initialGzip = chunks
    .filter((c) => c.kind === 'initial')
    .reduce((sum, c) => sum + c.gzip, 0);
  const initialRaw = chunks.filter((c) => c.kind === 'initial').reduce((sum, c) => sum + c.raw, 0);
  const over = chunks.filter((c) => c.budget !== null && c.gzip > c.budget);
  const initialOk = initialGzip <= BUDGET.initial;

  const hlsDir = join(root, 'node_modules/hls.js/dist');
  const reference = {
    'hls.min.js (full build, not shipped)': gz(readFileSync(join(hlsDir, 'hls.min.js'))),
    'hls.light.min.js (as published)': gz(readFileSync(join(hlsDir, 'hls.light.min.js'))),
  };

  const k = (bytes) => (bytes / KB).toFixed(1);
  const lines = [
    '## Chunks',
    '',
    'Production build of apps/console, gzip level 9.',
    '',
    '| chunk | loaded | holds | raw KB | gzip KB | budget gzip KB |',
    '|---|---|---|---:|---:|---:|',
    ...chunks.map(
      (c) =>
        `| ${c.file} | ${c.kind} | ${c.what} | ${k(c.raw)} | ${k(c.gzip)} | ${c.budget ? k(c.budget) : '—'} |`,
    ),
    '',
    `Initial JS: ${k(initialRaw)} KB raw, **${k(initialGzip)} KB gzipped** (budget ${k(BUDGET.initial)}) → ${initialOk ? 'within' : '**over**'}.`,
    `Lazy chunks over their budget: ${over.length === 0 ? 'none' : over.map((c) => c.file).join(', ')}.`,
    '',
    'Reference (same run, same gzip): ' +
      Object.entries(reference)
        .map(([name, bytes]) => `${name} ${k(bytes)} KB`)
        .join('; ') +
      '.',
  ];
  return {
    lines,
    ok: initialOk && over.length === 0,
    result: { budget: BUDGET, initial: { raw: initialRaw, gzip: initialGzip }, chunks, reference },
  };
}
