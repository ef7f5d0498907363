// The Markdown report of bench:frames, printed and written with the JSON to bench/results/.
import { writeResults } from '../lib/results.mjs';

const TARGET_MB_PER_CAMERA = 10;
const TARGET_MACHINE_CPU = 70;
const TARGET_P95_MS = 1000;

const f = (x, d = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? 'n/a' : Number(x).toFixed(d);

export function write(r) {
  const ref = r.recordingOnly;
  const biggest = r.steps[r.steps.length - 1];
  const skippedTotal = (s) => Object.values(s.skippedPerSecond).reduce((a, b) => a + b, 0);
  const lines = [
    `# bench:frames ${r.startedAt}`,
    '',
    `Machine: ${r.machine.cpus} cores (${r.machine.model}), shared; load average at the end ${r.loadavg.map((l) => l.toFixed(2)).join(' ')}. ${r.demoCameras} demo cameras recording throughout; ${r.seconds} s measured per step.`,
    '',
    '## Frame extraction (Node process + ffmpeg readers)',
    '',
    `| cameras | readers | PSS MB (Node + readers) | MB / camera (target ≤ ${TARGET_MB_PER_CAMERA}) | reader MB / camera | CPU % / camera | frames taken/s | answered/s | skipped/s | waiting (bound: cameras) | worst lag s |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.steps.map(
      (s) =>
        `| ${s.cameras} | ${s.readerProcesses} | ${f(s.frameExtraction.pssMb)} (${f(s.node.pssMb)} + ${f(s.frameExtraction.pssMb - s.node.pssMb)}) | ${f(s.mbPerCamera, 2)} | ${f(s.readersMbPerCamera, 2)} | ${f(s.cpuPctPerCamera, 2)} | ${f(s.takenPerSecond)} | ${f(s.answeredPerSecond)} | ${f(skippedTotal(s))} | ${s.framesWaiting} | ${f(s.worstLagSeconds, 2)} |`,
    ),
    '',
    `Reference, same run: one default ffmpeg per camera (\`-i rtsp://… -vf fps=1 -c:v mjpeg\`) on ${r.naiveReader.cameras} cameras: ${f(r.naiveReader.mbPerCamera, 2)} MB and ${f(r.naiveReader.cpuPctPerCamera, 2)} % CPU per camera.`,
    '',
    '## Whole machine (CPU % of all cores; processes in % of one core)',
    '',
    `| LPR cameras | machine CPU % (target < ${TARGET_MACHINE_CPU}) | frame extraction | LPR engine | MediaMTX | simulator |`,
    '| --- | --- | --- | --- | --- | --- |',
    `| 0 (reference: recording only) | ${f(ref.machineCpuPct)} | ${f(ref.frameExtraction.cpuPct)} | ${f(ref.engine.cpuPct)} | ${f(ref.mediamtx.cpuPct)} | ${f(ref.simulator.cpuPct)} |`,
    ...r.steps.map(
      (s) =>
        `| ${s.cameras} | ${f(s.machineCpuPct)} | ${f(s.frameExtraction.cpuPct)} | ${f(s.engine.cpuPct)} | ${f(s.mediamtx.cpuPct)} | ${f(s.simulator.cpuPct)} |`,
    ),
    '',
    '## Where the engine is the limit',
    '',
    ...r.steps.map(
      (s) =>
        `- ${s.cameras} cameras: ${f(s.takenPerSecond)} frames/s taken, ${f(s.answeredPerSecond)}/s answered by the engine; skipped/s ${Object.entries(
          s.skippedPerSecond,
        )
          .map(([k, v]) => `${k} ${f(v, 2)}`)
          .join(
            ', ',
          )}; ${s.deliveringAfterSeconds === null || s.deliveringAfterSeconds === undefined ? `readers NOT delivering 90 % of the wanted frames ${r.deliverWaitSeconds} s after the leases` : `readers delivering 90 % of the wanted frames ${f(s.deliveringAfterSeconds, 0)} s after the leases`}; engine refusals (503 busy) ${f(s.engineBusyPerSecond, 2)}/s; frames waiting ${s.framesWaiting}; frame-extraction PSS ${f(s.frameExtraction.pssFirstMb)} → ${f(s.frameExtraction.pssLastMb)} MB over the window; reader restarts ${s.readerRestarts}.`,
    ),
    '',
    r.engine.available
      ? `LPR engine alone (one demo keyframe, ${r.engine.frames} frames): ${f(r.engine.msPerFrame.p50)} ms p50, ${f(r.engine.msPerFrame.p95)} ms p95 per frame in the engine (round trip ${f(r.engine.roundTripMs.p50)} / ${f(r.engine.roundTripMs.p95)} ms); ${f(r.engine.framesPerSecondTwoAtATime, 2)} frames/s two at a time; ${f(r.engine.framesPerCpuSecond, 2)} frames per CPU-second (= per core). At 1 frame/s per camera the engine keeps up with about ${Math.floor(r.engine.framesPerCpuSecond)} cameras per core it is given.`
      : 'LPR engine: not running in this stack, not measured.',
    '',
    `## Capture → detection saved in PostgreSQL (target p95 < ${TARGET_P95_MS} ms)`,
    '',
    '| LPR cameras | detections | p50 ms | p95 ms | p99 ms |',
    '| --- | --- | --- | --- | --- |',
    ...r.steps.map(
      (s) =>
        `| ${s.cameras} | ${s.latency.count} | ${f(s.latency.p50, 0)} | ${f(s.latency.p95, 0)} | ${f(s.latency.p99, 0)} |`,
    ),
    '',
    biggest
      ? `At ${biggest.cameras} cameras: ${f(biggest.mbPerCamera, 2)} MB per camera (${biggest.mbPerCamera <= TARGET_MB_PER_CAMERA ? 'met' : 'NOT met'}), machine CPU ${f(biggest.machineCpuPct)} % (${biggest.machineCpuPct < TARGET_MACHINE_CPU ? 'met' : 'NOT met'}; ${f(ref.machineCpuPct)} % recording only).`
      : '',
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  writeResults('frames', r, text);
}
