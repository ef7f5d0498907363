import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigValidationError, loadDeclaredConfig, validateEnv } from '@gt-vision/backend-config';
import { ErrorResponseFilter, createValidationPipe } from '@gt-vision/backend-http';
import { plateAt, plateSchedule, renderStills } from '@gt-vision/demo-scene';
import { LPR_ENGINE_RECOGNIZE_PATH, normalisePlate } from '@gt-vision/shared-types';
import request from 'supertest';
import { join } from 'node:path';
import { installedModelsDir } from '../ocr/models-dir';
import { RECOGNIZE_WORKER_FILE } from '../recognize/recognize.pool';
import { LprEngineConfig } from '../recognize/lpr-engine.config';
import { AppModule } from './app.module';

const TOKEN = 'internal-service-token-of-at-least-32-chars';
const MAX_FRAME_BYTES = 256 * 1024;
const env = {
  HTTP_PORT: '3005',
  LOG_LEVEL: 'fatal',
  INTERNAL_SERVICE_TOKEN: TOKEN,
  LPR_MODELS_DIR: installedModelsDir(),
  LPR_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
};

describe('LPR engine HTTP API (real models)', () => {
  jest.setTimeout(120_000);
  let app: INestApplication;
  let frame: Buffer;
  let truth: string;

  const recognize = (headers: Record<string, string>, body: Buffer | string) =>
    request(app.getHttpServer()).post(LPR_ENGINE_RECOGNIZE_PATH).set(headers).send(body);
  const service = { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' };

  beforeAll(async () => {
    loadDeclaredConfig(env);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(RECOGNIZE_WORKER_FILE)
      .useValue(join(__dirname, '../../jest.recognize-worker.cjs'))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ErrorResponseFilter());
    await app.init();
    const schedule = plateSchedule(1);
    const stills = await renderStills({ width: 640, height: 360, schedule }, { rate: 0.25 });
    frame = stills[1].jpeg;
    truth = normalisePlate(plateAt(schedule, stills[1].second).plate);
  });

  afterAll(() => app?.close());

  it('refuses to start without the model files, naming the variable', () => {
    expect(() => loadDeclaredConfig({ ...env, LPR_MODELS_DIR: '/nonexistent' })).toThrow(
      ConfigValidationError,
    );
    expect(() => loadDeclaredConfig({ ...env, LPR_MODELS_DIR: '/nonexistent' })).toThrow(
      /LPR_MODELS_DIR/,
    );
    loadDeclaredConfig(env);
  });

  it('refuses a detector size too small to find plates, naming the variable', () => {
    expect(() => validateEnv(LprEngineConfig, { ...env, LPR_DETECTOR_MAX_SIDE: '64' })).toThrow(
      /LPR_DETECTOR_MAX_SIDE/,
    );
    expect(validateEnv(LprEngineConfig, { ...env, LPR_DETECTOR_MAX_SIDE: '640' })).toMatchObject({
      LPR_DETECTOR_MAX_SIDE: 640,
    });
  });

  it('reads the plate of a demo frame, with its box, candidates and alternatives', async () => {
    const res = await recognize(service, frame).expect(200);
    expect(res.body).toMatchObject({ width: 640, height: 360, plates: [{ text: truth }] });
    const [plate] = res.body.plates;
    expect(plate.format).toMatch(/^(mercosul|br-old)$/);
    expect(plate.confidence).toBeGreaterThan(0.5);
    expect(plate.characters).toHaveLength(7);
    expect(plate.characters[0].candidates[0].char).toBe(truth[0]);
    for (const value of Object.values(plate.bbox) as number[]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(Array.isArray(plate.alternatives)).toBe(true);
    expect(res.body.elapsedMs).toBeGreaterThan(0);
  });

  it.each([
    ['no credentials', {}, 'missing bearer token'],
    [
      'a wrong token',
      { authorization: 'Bearer not-the-internal-token' },
      'only GT-Vision services',
    ],
    ['a malformed header', { authorization: 'Basic YWxpY2U6c2VjcmV0' }, 'must be "Bearer <token>"'],
  ])('answers 401 to %s, before reading the body', async (_, headers, message) => {
    const res = await recognize({ 'content-type': 'image/jpeg', ...headers }, frame).expect(401);
    expect(res.body.message).toContain(message);
  });

  it('answers 401 for /metrics without the token, 200 with it', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(401);
    const res = await request(app.getHttpServer())
      .get('/metrics')
      .set({ authorization: `Bearer ${TOKEN}` })
      .expect(200);
    expect(res.text).toContain('gtv_lpr_frames_total');
    expect(res.text).toContain('gtv_lpr_recognize_duration_seconds');
  });

  it('answers 400 naming the body for bytes that are not a JPEG', async () => {
    const res = await recognize(service, Buffer.from('not a jpeg')).expect(400);
    expect(res.body.details).toEqual([{ field: 'body', problem: expect.stringMatching(/JPEG/) }]);
  });

  it('answers 400 naming the body for another content type', async () => {
    const res = await recognize({ ...service, 'content-type': 'application/json' }, '{}').expect(
      400,
    );
    expect(res.body.details[0].field).toBe('body');
  });

  it('answers 413 naming the limit for a frame over LPR_MAX_FRAME_BYTES', async () => {
    const res = await recognize(service, Buffer.alloc(MAX_FRAME_BYTES + 1)).expect(413);
    expect(res.body.details).toEqual([
      { field: 'body', problem: `must be at most ${MAX_FRAME_BYTES} bytes` },
    ]);
  });

  it('answers liveness at once while every worker is busy, and 503 past LPR_MAX_QUEUED_FRAMES', async () => {
    // One worker and four queued (the defaults): eight frames at once fill both, three are refused.
    let framesDone = 0;
    const frames = Array.from({ length: 8 }, () =>
      recognize(service, frame).then((res) => {
        if (res.status === 200) framesDone++;
        return res.status;
      }),
    );
    await request(app.getHttpServer()).get('/health/live').expect(200);
    // Answered while accepted frames were still being read: it did not wait behind the workers.
    const readWhenLive = framesDone;
    const statuses = await Promise.all(frames);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    expect(readWhenLive).toBeLessThan(5);
  });

  it('reports liveness and readiness without credentials', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    await request(app.getHttpServer()).get('/health/ready').expect(200);
  });
});
