import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ConfigValidationError,
  loadDeclaredConfig,
  ServiceConfig,
} from '@gt-vision/backend-config';
import { ShutdownState } from '@gt-vision/backend-health';
import { Logger } from 'nestjs-pino';
import type { Server } from 'node:http';
import { useBodyParsers } from './body-parsing';
import { ErrorResponseFilter } from './error-response.filter';
import { createValidationPipe, type ValidationPipeOptions } from './validation';

/** Longest time a client may take to send one request; ingest's 4 MB batch needs far less. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Longer than the edge keeps an idle connection to a service (HAProxy purges its idle pool every 5 s). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface ServiceOptions {
  name: string;
  module: Type<unknown>;
  /** Largest JSON body in bytes, when a service needs more than the default 100 KB. */
  jsonBodyLimit?: (app: INestApplication) => number;
  /** Compiled schemas for hot request bodies (see CompiledBody). */
  validation?: ValidationPipeOptions;
  /** Extra wiring a service needs before it listens (e.g. a NATS server for request/reply). */
  configure?: (app: INestApplication) => Promise<void> | void;
}

/**
 * Starts a service the same way everywhere: configuration validated before anything connects, JSON
 * logs, one validation and error shape, and a graceful stop on SIGTERM/SIGINT.
 */
export async function bootstrapService(options: ServiceOptions): Promise<void> {
  try {
    loadDeclaredConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    // Structured like every other log line so that log tooling picks it up; no value is printed.
    process.stderr.write(
      JSON.stringify({
        level: 'fatal',
        time: new Date().toISOString(),
        service: options.name,
        message: error.message,
        problems: error.problems,
      }) + '\n',
    );
    process.exit(78); // EX_CONFIG: a supervisor should not expect a restart to help.
  }

  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Registered before Nest's default parsers, which then leave JSON and forms to these.
  useBodyParsers(app, options.jsonBodyLimit?.(app));
  app.disable('x-powered-by');
  // Exactly one proxy hop is trusted: the edge, which drops any X-Forwarded-For a client sent and sets
  // its own. req.ip is therefore the address the edge saw, never one a client wrote (a client that
  // forged the header would otherwise get a fresh per-address login budget per forged address).
  app.set('trust proxy', 1);
  app.useGlobalPipes(createValidationPipe(options.validation));
  app.useGlobalFilters(new ErrorResponseFilter());
  await options.configure?.(app);

  const config = app.get(ServiceConfig);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  // A request must be complete within this time, body included (Node's default is 5 minutes): the edge
  // bounds the first 16 kB of a body, this bounds the rest of a large one sent slowly.
  const server = app.getHttpServer() as Server;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // The edge keeps idle connections to a service for reuse and closes them itself. With Node's 5 s
  // the service closed them first, racing HAProxy reusing one: a POST sent on it that instant was cut
  // (be_ingest srv_abrt) and answered 502, since a request with a body cannot be replayed.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  app.get(Logger).log(`${options.name} listening on ${config.HTTP_HOST}:${config.HTTP_PORT}`);
  stopGracefullyOnSignal(app, config);
}

function stopGracefullyOnSignal(app: NestExpressApplication, config: ServiceConfig): void {
  const logger = app.get(Logger);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining`);
    const deadline = setTimeout(() => {
      logger.error(`graceful stop exceeded ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    try {
      // Readiness fails first so the edge stops routing here, then in-flight requests finish,
      // and only then do modules close their connections (database, brokers) in their hooks.
      app.get(ShutdownState).draining = true;
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_DELAY_MS));
      const server = app.getHttpServer() as Server;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await app.close();
      logger.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
