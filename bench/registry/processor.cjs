// Artillery hooks for bench/registry/scenario.yml (CommonJS: Artillery loads processors with require).
const ids = JSON.parse(process.env.BENCH_CAMERA_IDS || '[]');

/** Sets {{ cameraId }} to one of the seeded cameras, at random. */
function pickCamera(context, _events, done) {
  context.vars.cameraId = ids[Math.floor(Math.random() * ids.length)];
  return done();
}

/** Counts a list that did not hold the 250 cameras asked for as an error, not as a fast answer. */
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

module.exports = { pickCamera, checkList };
