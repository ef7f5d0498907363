import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import request from 'supertest';
import { MetricsModule } from './metrics.module';

@Controller('things')
class ThingsController {
  @Get(':id')
  get() {
    return { ok: true };
  }
}

describe('MetricsModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    register.clear();
    const moduleRef = await Test.createTestingModule({
      imports: [
        MetricsModule.forRoot('test-service', [
          { method: 'GET', route: '/things/:id', status: 200 },
        ]),
      ],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(() => app.close());

  const countLines = async () =>
    (await request(app.getHttpServer()).get('/metrics').expect(200)).text
      .split('\n')
      .filter((l) => l.startsWith('http_server_request_duration_seconds_count'));

  // Runs first: the expected answer's series is there at zero before any request (rate() then sees
  // the first request as an increase), under the labels the middleware gives the real requests.
  it('publishes the expected answers at zero from the start', async () => {
    const expected = (await countLines()).filter((l) => l.includes('route="/things/:id"'));
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/method="GET"/);
    expect(expected[0]).toMatch(/status_code="200"/);
    expect(expected[0]).toMatch(/ 0$/);
  });

  it('records latency by route template, not by raw URL', async () => {
    await request(app.getHttpServer()).get('/things/42').expect(200);
    await request(app.getHttpServer()).get('/things/43').expect(200);
    await request(app.getHttpServer()).get('/nowhere').expect(404);
    const text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    const counts = text
      .split('\n')
      .filter((l) => l.startsWith('http_server_request_duration_seconds_count'));
    const templated = counts.find((l) => l.includes('route="/things/:id"'));
    expect(templated).toMatch(/method="GET"/);
    expect(templated).toMatch(/status_code="200"/);
    expect(templated).toMatch(/service="test-service"/);
    expect(templated).toMatch(/ 2$/);
    expect(
      counts.some((l) => l.includes('route="unmatched"') && l.includes('status_code="404"')),
    ).toBe(true);
    expect(counts.some((l) => l.includes('/things/42'))).toBe(false);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
