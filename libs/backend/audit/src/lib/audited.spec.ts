import {
  Controller,
  Delete,
  Get,
  INestApplication,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuditConfig } from './audit.config';
import { AuditLog, type AuditEntry } from './audit.log';
import { Audited, AuditInterceptor } from './audited';
import { Auditor } from './auditor';

const handled: string[] = [];

@Controller('things')
class ThingsController {
  @Get()
  @Audited('plate.search', { query: true, reason: 'plate-search' })
  search() {
    handled.push('search');
    return [];
  }

  @Post()
  @Audited('thing.created', { target: 'thing', body: ['name'] })
  create() {
    return { id: 'thing-1' };
  }

  @Delete(':id')
  @Audited('thing.deleted', { target: 'thing', reason: 'watchlist-change' })
  remove(@Param('id') id: string) {
    if (id === 'missing') throw new NotFoundException();
  }
}

describe('@Audited', () => {
  let app: INestApplication;
  const appended: AuditEntry[] = [];
  let failing = false;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThingsController],
      providers: [
        Auditor,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        {
          provide: AuditLog,
          useValue: {
            append: async (entry: AuditEntry) => {
              if (failing) throw new Error('database down');
              appended.push(entry);
            },
          },
        },
        {
          provide: AuditConfig,
          useValue: Object.assign(new AuditConfig(), {
            AUDIT_REASON_REQUIRED_FOR: ['plate-search'],
          }),
        },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());
  beforeEach(() => {
    appended.length = 0;
    handled.length = 0;
    failing = false;
  });

  it('refuses a search without its required reason before running it (400 naming the header)', async () => {
    const res = await request(app.getHttpServer()).get('/things?plate=ABC').expect(400);
    expect(res.body.message).toBe('X-Audit-Reason header required');
    expect(handled).toEqual([]);
    expect(appended).toEqual([]);
  });

  it('records a search with its query and reason', async () => {
    await request(app.getHttpServer())
      .get('/things?plate=ABC')
      .set('X-Audit-Reason', 'case 7')
      .expect(200);
    expect(appended).toEqual([
      expect.objectContaining({
        action: 'plate.search',
        reason: 'case 7',
        target: null,
        details: { query: { plate: 'ABC' } },
        actor: { kind: 'anonymous', id: null, name: null },
      }),
    ]);
  });

  it('records only the body fields named, and the target from the answer', async () => {
    await request(app.getHttpServer())
      .post('/things')
      .send({ name: 'n', password: 'secret' })
      .expect(201);
    expect(appended[0]).toMatchObject({
      action: 'thing.created',
      target: 'thing:thing-1',
      details: { body: { name: 'n' } },
    });
    expect(JSON.stringify(appended)).not.toContain('secret');
  });

  it('takes the target from the route, records nothing for a refused call, and needs no reason where none is required', async () => {
    await request(app.getHttpServer()).delete('/things/t9').expect(200);
    expect(appended[0]).toMatchObject({
      target: 'thing:t9',
      reason: null,
      details: { params: { id: 't9' } },
    });
    appended.length = 0;
    await request(app.getHttpServer()).delete('/things/missing').expect(404);
    expect(appended).toEqual([]);
  });

  it('fails the call when its record cannot be written', async () => {
    failing = true;
    await request(app.getHttpServer()).post('/things').send({ name: 'n' }).expect(500);
  });
});
