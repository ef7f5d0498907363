// Where every benchmark leaves its figures: bench/results/<name>-<time>.json and .md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './stack.mjs';

/** A time (Date or ISO string, default now) as it appears in file names: 2026-12-02T04-05-06Z. */
export function stamp(at = new Date()) {
  return new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Writes the result as JSON and its Markdown report; returns the path shared by both, from the root. */
export function writeResults(name, result, markdown, at) {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const base = `bench/results/${name}-${stamp(at)}`;
  writeFileSync(join(root, `${base}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(root, `${base}.md`), markdown);
  console.log(`written: ${base}.json and .md`);
  return base;
}
