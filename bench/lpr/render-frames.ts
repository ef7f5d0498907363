// Writes demo frames for bench:lpr: stills of the first BENCH_LPR_CAMERAS demo cameras rendered with the
// simulator's own scene (libs/demo-scene), one a second, and truth.json (the schedule's plate for each).
// Run by run.mjs through ts-node, so the bench needs no running stack.
import { normalisePlate } from '@gt-vision/shared-types';
import { plateAt, plateSchedule, renderStills } from '@gt-vision/demo-scene';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

async function main(dir: string, cameras: number): Promise<void> {
  const truth: { file: string; camera: number; second: number; plate: string }[] = [];
  for (let camera = 1; camera <= cameras; camera++) {
    const schedule = plateSchedule(camera);
    const stills = await renderStills({ width: 640, height: 360, schedule }, { rate: 1 });
    for (const still of stills) {
      const file = `cam_${camera}-${String(still.second).padStart(2, '0')}.jpg`;
      writeFileSync(join(dir, file), still.jpeg);
      truth.push({
        file,
        camera,
        second: still.second,
        plate: normalisePlate(plateAt(schedule, still.second).plate),
      });
    }
  }
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(truth));
}

void main(process.argv[2], Number(process.argv[3] ?? 1));
