// Artillery hooks for bench/api/scenario.yml (CommonJS: Artillery loads processors with require).
// BENCH_API_SAMPLES: rows actually stored ({id, plate, cameraId, capturedAt}), written by run.mjs.
const { readFileSync } = require('node:fs');

const samples = JSON.parse(readFileSync(process.env.BENCH_API_SAMPLES, 'utf8'));
const HOUR_MS = 3_600_000;
const LOOK_ALIKE = {
  B: '8',
  8: 'B',
  O: '0',
  0: 'O',
  S: '5',
  5: 'S',
  Z: '2',
  2: 'Z',
  G: '6',
  6: 'G',
  I: '1',
  1: 'I',
};

/** Sets the variables of one round of the mix from a stored row, at random. */
function pickSample(context, _events, done) {
  const row = samples[Math.floor(Math.random() * samples.length)];
  const at = Date.parse(row.capturedAt);
  Object.assign(context.vars, {
    id: row.id,
    plate: row.plate,
    prefix: row.plate.slice(0, 4),
    infix: row.plate.slice(2, 6),
    lookAlike: [...row.plate].map((c) => LOOK_ALIKE[c] ?? c).join(''),
    cameraId: row.cameraId,
    from: encodeURIComponent(new Date(at - HOUR_MS).toISOString()),
    to: encodeURIComponent(new Date(at + HOUR_MS).toISOString()),
  });
  return done();
}

/** Counts a camera list that did not hold the 250 cameras asked for as an error, not a fast answer. */
function checkList(_req, res, _context, events, done) {
  if (res.statusCode === 200) {
    let count = -1;
    try {
      count = JSON.parse(res.body).items.length;
    } catch {
      /* counted below */
    }
    if (count !== 250) events.emit('counter', 'bench.list_not_250_items', 1);
  }
  return done();
}

module.exports = { pickSample, checkList };
