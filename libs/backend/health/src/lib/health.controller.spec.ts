import { Injectable, INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IS_PUBLIC } from '@gt-vision/backend-auth';
import request from 'supertest';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';
import { ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown.state';

@Injectable()
class FakeDependency extends ReadinessCheck {
  readonly name = 'fake';
  up = true;
  async probe() {
    if (!this.up) throw new Error('connection refused');
    return { latencyMs: 1 };
  }
}

describe('HealthController', () => {
  let app: INestApplication;
  let dependency: FakeDependency;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule.forRoot([FakeDependency])],
      providers: [FakeDependency],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    dependency = app.get(FakeDependency);
  });

  afterEach(() => app.close());

  it('is live whatever the dependencies', async () => {
    dependency.up = false;
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when every dependency answers', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.info.fake).toEqual({ status: 'up', latencyMs: 1 });
  });

  it('is not ready, with the reason, when a dependency fails', async () => {
    dependency.up = false;
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.error.fake).toEqual({ status: 'down', message: 'connection refused' });
  });

  it('is not ready while draining for a stop', async () => {
    app.get(ShutdownState).draining = true;
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.status).toBe('shutting_down');
  });
});

describe('HealthController access', () => {
  it('is public, so probes need no credentials', () => {
    expect(new Reflector().get(IS_PUBLIC, HealthController)).toBe(true);
  });
});
