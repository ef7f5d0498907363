import {
  Body,
  Controller,
  Get,
  INestApplication,
  NotFoundException,
  Post,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { AuthenticatedRequest } from '@gt-vision/backend-auth';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsNumber, IsString, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { ErrorResponseFilter } from './error-response.filter';
import { createValidationPipe } from './validation';

class LocationDto {
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat!: number;
}

class CreateThingDto {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() dto: CreateThingDto) {
    return dto;
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('thing 7 does not exist');
  }

  @Get('busy')
  busy() {
    throw Object.assign(new ServiceUnavailableException('busy; retry'), { retryAfterSeconds: 2.5 });
  }

  @Get('broken')
  broken() {
    throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
  }
}

describe('error shape', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ErrorResponseFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('names every bad field, nested ones by dotted path, and refuses unknown fields', async () => {
    const res = await request(app.getHttpServer())
      .post('/things')
      .send({ location: { lat: 120 }, colour: 'red' })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'location.lat', 'colour']));
  });

  it('keeps the message of deliberate HTTP errors', async () => {
    const res = await request(app.getHttpServer()).get('/things/missing').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'thing 7 does not exist',
      details: [],
    });
  });

  it('sends Retry-After, in whole seconds, for errors that say when to retry', async () => {
    const res = await request(app.getHttpServer()).get('/things/busy').expect(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body.message).toBe('busy; retry');
    const plain = await request(app.getHttpServer()).get('/things/missing');
    expect(plain.headers['retry-after']).toBeUndefined();
  });

  it('answers unknown errors with a bare 500 that leaks nothing', async () => {
    const res = await request(app.getHttpServer()).get('/things/broken').expect(500);
    expect(res.body.error).toBe('Internal Server Error');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/);
  });
});

describe('error shape for callers that are not authenticated', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    // Stands in for the auth middleware, which records why a request is not authenticated.
    app.use((req: AuthenticatedRequest & { url?: string }, _res: unknown, next: () => void) => {
      if (!req.headers['authorization']) {
        req.authFailure = new UnauthorizedException('missing bearer token or API key');
      }
      // Stands in for the guard, which marks the requests a route serves.
      if (req.url?.startsWith('/things/')) req.routeMatched = true;
      next();
    });
    app.useGlobalFilters(new ErrorResponseFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('answers 401 rather than 404 for a path no route serves', async () => {
    const res = await request(app.getHttpServer()).get('/nowhere').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token or API key',
      details: [],
    });
  });

  it('keeps the 404 for an authenticated caller', async () => {
    await request(app.getHttpServer()).get('/nowhere').set('Authorization', 'Bearer x').expect(404);
  });

  it('keeps a 404 that a route itself raised', async () => {
    await request(app.getHttpServer()).get('/things/missing').expect(404);
  });
});
