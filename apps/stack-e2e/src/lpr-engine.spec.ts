import { plateAt, plateSchedule, renderStills } from '@gt-vision/demo-scene';
import { LPR_ENGINE_RECOGNIZE_PATH, normalisePlate } from '@gt-vision/shared-types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secret } from './support/stack';

// Internal service: frame extraction calls it on loopback, so the test does too (the edge routes only
// its health).
const ports = readFileSync(join(__dirname, '../../../tools/stack/ports.env'), 'utf8');
const PORT = /^GTV_LPR_ENGINE_PORT=(\d+)$/m.exec(ports)?.[1];
const URL = `http://127.0.0.1:${PORT}${LPR_ENGINE_RECOGNIZE_PATH}`;

describe('the LPR engine in the stack', () => {
  let frame: Buffer;
  let truth: string;

  beforeAll(async () => {
    const schedule = plateSchedule(3);
    const stills = await renderStills({ width: 640, height: 360, schedule }, { rate: 0.125 });
    frame = stills[2].jpeg;
    truth = normalisePlate(plateAt(schedule, stills[2].second).plate);
  });

  const post = (headers: Record<string, string>) =>
    fetch(URL, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...headers },
      body: new Uint8Array(frame),
    });

  it('reads a demo plate for a caller holding the internal service token', async () => {
    const res = await post({ authorization: `Bearer ${secret('GTV_INTERNAL_SERVICE_TOKEN')}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.plates.map((p: { text: string }) => p.text)).toEqual([truth]);
  });

  it('refuses anyone else with 401', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer an-access-token-is-not-enough' })).status).toBe(
      401,
    );
  });
});
