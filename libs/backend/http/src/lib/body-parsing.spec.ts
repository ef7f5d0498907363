import { Body, Controller, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsOptional, IsString } from 'class-validator';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { jsonDepthExceeds, MAX_JSON_DEPTH, useBodyParsers } from './body-parsing';
import { ErrorResponseFilter } from './error-response.filter';
import { createValidationPipe } from './validation';

class NoteDto {
  @IsString()
  text!: string;

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];
}

@Controller('notes')
class NotesController {
  @Post()
  create(@Body() dto: NoteDto) {
    return dto;
  }
}

describe('body parsing', () => {
  let app: INestApplication;
  const post = () => request(app.getHttpServer()).post('/notes').set('x-request-id', 'req-body-1');

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [NotesController] }).compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: true });
    useBodyParsers(app, 1024);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ErrorResponseFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('answers 413 in the error shape for a body over the limit', async () => {
    const res = await post()
      .send({ text: 'x'.repeat(5000) })
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request body larger than the limit of 1024 bytes',
      details: [{ field: 'body', problem: 'larger than the limit of 1024 bytes' }],
    });
  });

  it('answers 400 for JSON nested deeper than the limit, without parsing it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await post().set('content-type', 'application/json').send(deep);
    // 100 kB is over the 1 kB limit of this app; the depth check is tested on its own below.
    expect(res.status).toBe(413);
    const shallowButDeep = '{"text":"a","tags":' + '['.repeat(40) + ']'.repeat(40) + '}';
    const res2 = await post().set('content-type', 'application/json').send(shallowButDeep);
    expect(res2.status).toBe(400);
    expect(res2.body.details).toEqual([
      { field: 'body', problem: `nested deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  });

  it('answers 400 for invalid JSON', async () => {
    const res = await post().set('content-type', 'application/json').send('{"text":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [] });
  });

  it('answers 415 for a charset other than UTF-8', async () => {
    const res = await post()
      .set('content-type', 'application/json; charset=latin1')
      .send('{"text":"a"}');
    expect(res.status).toBe(415);
    expect(res.body.details[0].field).toBe('content-type');
  });

  it('answers 400 for a body that is not what its Content-Encoding says', async () => {
    const res = await post()
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send('not gzip at all');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'body', problem: 'is not valid for its Content-Encoding' },
    ]);
  });

  it('accepts a valid gzip body', async () => {
    const res = await post()
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      // As bytes: superagent would otherwise serialise the Buffer object itself as JSON.
      .serialize((data: Buffer) => data as unknown as string)
      .send(gzipSync(JSON.stringify({ text: 'zipped' })));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ text: 'zipped' });
  });

  it('answers 400 naming every field that holds a NUL character', async () => {
    const res = await post()
      .send({ text: 'a\u0000b', tags: ['ok', '\u0000'] })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'text', problem: 'must not contain a NUL character' },
      { field: 'tags.1', problem: 'must not contain a NUL character' },
    ]);
  });
});

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects but not brackets inside strings or after escapes', () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":[[1]]}'), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":"[[[[\\"[[[["}'), 1)).toBe(false);
  });
});
