#!/usr/bin/env node
// `npm run bench:console`: the operator console's figures, each against the target.
//   chunks      gzipped size per chunk of the production build (budgets: initial ≤ 150 KB, route ≤ 100 KB)
//   lighthouse  Lighthouse performance and accessibility of the login and wall pages (≥ 95 each)
//   wall        a 16-tile wall for 60 s: frames decoded and dropped per tile (< 1 % dropped)
//   scroll      a scripted scroll through the 1 000 000-row detections list: frame times (p95 < 16.7 ms)
//   latency     glass-to-glass latency of WebRTC and LL-HLS from a wall-clock camera of its own (≤ 300 ms and
//               ≤ 1.5 s p95)
// All but chunks need the stack up, wall with 16 demo cameras (`GTV_DEMO_CAMERAS=16 tools/gtv up`), and talk
// to it through the edge, in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). `--only=wall,latency`
// runs some; `--no-build` measures dist as it is. Exit code 1 when a target is missed. Writes
// bench/results/console-<time>.json and .md.
import { cpus, loadavg } from 'node:os';
import { writeResults } from '../lib/results.mjs';
import { chunkSizes } from './chunks.mjs';
import { glassToGlass } from './latency.mjs';
import { lighthouseScores } from './lighthouse.mjs';
import { scrollFrames } from './scroll.mjs';
import { wallFrames } from './wall.mjs';

const log = (line) => console.error(line);
const SECTIONS = {
  chunks: () => chunkSizes({ build: !process.argv.includes('--no-build') }),
  lighthouse: lighthouseScores,
  wall: wallFrames,
  scroll: () => scrollFrames(log),
  latency: glassToGlass,
};
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const chosen = Object.keys(SECTIONS).filter((name) => !only || only.includes(name));

const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
const started = new Date();
const loadBefore = loadavg();
const results = {};
const lines = [];
let ok = true;
for (const name of chosen) {
  log(`bench:console ${name}… (load ${load(loadavg())})`);
  const at = loadavg();
  try {
    const section = await SECTIONS[name]();
    results[name] = { ...section.result, ok: section.ok, load: at };
    lines.push(...section.lines, '', `(load average at its start: ${load(at)})`, '');
    ok &&= section.ok;
  } catch (err) {
    results[name] = { error: String(err.stack ?? err), load: at };
    lines.push(`## ${name}`, '', `**Failed:** ${String(err.message ?? err)}`, '');
    ok = false;
  }
}
const report = [
  `# bench:console — ${started.toISOString()}`,
  '',
  `Machine: ${cpus().length} cores; load average ${load(loadBefore)} before, ${load(loadavg())} after.`,
  '',
  ...lines,
].join('\n');
console.log(report);
writeResults('console', { sections: chosen, ...results }, report + '\n', started);
process.exit(ok ? 0 : 1);
