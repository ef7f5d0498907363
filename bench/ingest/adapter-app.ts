// The HTTP layer of ingest's hot path under one of Nest's two adapters, for the Express-vs-Fastify
// and compiled-schema-vs-class-validator comparisons of `npm run bench:ingest`: the same routes and
// decorators as ingest's controller, the global validation pipe either as ingest has it (compiled schema,
// then class-validator) or class-validator alone, and the same per-item work (mapping to the stream's
// event, serialising it). Nothing behind it, so runs differ only by adapter and validator.
//   node -r ts-node/register/transpile-only -r tsconfig-paths/register adapter-app.ts \
//     express|fastify compiled|class-validator <port>
import 'reflect-metadata';
import { Body, Controller, HttpCode, HttpStatus, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from '@gt-vision/backend-http';
import { IngestDetectionBatchDto, IngestDetectionDto } from '@gt-vision/shared-types';
import { toDetectionEvent } from '../../apps/ingest/src/detections/detection.mapper';
import { INGEST_VALIDATION } from '../../apps/ingest/src/detections/ingest.validation';

const BODY_LIMIT = 4 * 1024 * 1024;

function accept(items: IngestDetectionDto[]) {
  const receivedAt = new Date().toISOString();
  const events = items.map((item) => toDetectionEvent(item, { source: 'bench', receivedAt }));
  const values = events.map((event) => JSON.stringify(event));
  return { accepted: values.length, ids: events.map((event) => event.id) };
}

@Controller('api/ingest/lpr')
class HarnessController {
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  one(@Body() body: IngestDetectionDto) {
    return accept([body]);
  }

  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  batch(@Body() body: IngestDetectionBatchDto) {
    return accept(body.items);
  }
}

@Module({ controllers: [HarnessController] })
class HarnessModule {}

async function main() {
  const [adapter, validator, port] = process.argv.slice(2);
  let app: NestExpressApplication | NestFastifyApplication;
  if (adapter === 'fastify') {
    app = await NestFactory.create<NestFastifyApplication>(
      HarnessModule,
      new FastifyAdapter({ bodyLimit: BODY_LIMIT }),
      { logger: ['error'] },
    );
  } else if (adapter === 'express') {
    const express = await NestFactory.create<NestExpressApplication>(
      HarnessModule,
      new ExpressAdapter(),
      { logger: ['error'] },
    );
    express.useBodyParser('json', { limit: BODY_LIMIT });
    express.disable('x-powered-by');
    app = express;
  } else {
    throw new Error('usage: adapter-app.ts express|fastify compiled|class-validator <port>');
  }
  app.useGlobalPipes(
    createValidationPipe(validator === 'class-validator' ? {} : INGEST_VALIDATION),
  );
  await app.listen(Number(port), '127.0.0.1');
  process.stdout.write('listening\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
