import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { RpcException, ServerNats } from '@nestjs/microservices';
import { detailsOf } from '@gt-vision/backend-http';
import type { ErrorResponse } from '@gt-vision/shared-types';
import { JSONCodec, type Msg } from 'nats';
import { NatsConfig } from './nats.config';
import { inNatsReceiveSpan } from './nats.tracing';

function badRequest(message: string, details: ErrorResponse['details'] = []): ErrorResponse {
  return { statusCode: 400, error: 'Bad Request', message, details };
}

/**
 * Nest's ServerNats, hardened for request subjects. Stock, an undecodable message makes its handler
 * reject outside any catch (an unhandled rejection, fatal on Node 24), and a message published without
 * a reply subject is run as an event, where an error reply has nowhere to go. Here the first gets a 400
 * error reply and the second is dropped; `@EventPattern` handlers still receive plain publishes.
 * Each message is handled in a span that continues the sender's trace (from the message's headers).
 */
export class RequestReplyNatsServer extends ServerNats {
  private readonly codec = JSONCodec();

  override async handleMessage(channel: string, message: Msg): Promise<unknown> {
    const handler = this.getHandlerByPattern(channel);
    if (!message.reply && handler && !handler.isEventHandler) {
      this.logger.warn(`${channel}: message without a reply subject ignored (send a request)`);
      return;
    }
    try {
      this.codec.decode(message.data);
    } catch {
      const reply = { err: badRequest('payload is not JSON'), isDisposed: true };
      if (message.reply) message.respond(this.codec.encode(reply));
      return;
    }
    return inNatsReceiveSpan(message, () => super.handleMessage(channel, message));
  }
}

/**
 * Serves the service's `@MessagePattern` handlers over NATS request/reply, in a queue group named after
 * the service so that replicas share the requests instead of all answering each one.
 *
 * ServerNats connects once in `listen()`: with NATS down it either fails at once (and
 * `startAllMicroservices()` rejects, crashing the boot) or, with `waitOnFirstConnect`, waits until NATS
 * is up. So it waits, and it is started without being awaited: HTTP (health, API) comes up regardless,
 * and the handlers subscribe as soon as NATS is reachable; after that nats.js resubscribes on reconnect.
 */
export function connectNatsServer(app: INestApplication, service: string): void {
  const config = app.get(NatsConfig);
  const strategy = new RequestReplyNatsServer({
    servers: config.NATS_SERVERS,
    user: config.NATS_USER,
    pass: config.NATS_PASSWORD,
    name: `${service}-server`,
    queue: service,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    // On stop, unsubscribe first and give requests already received time to be answered.
    gracefulShutdown: true,
    gracePeriod: 1000,
  });
  app.connectMicroservice({ strategy });
  const logger = new Logger('NatsServer');
  app
    .startAllMicroservices()
    .then(() => logger.log(`serving NATS requests in queue group ${service}`))
    .catch((error: Error) => logger.error(`NATS server failed to start: ${error.message}`));
}

/**
 * Validates a request payload like the HTTP pipe does, but answers in the RPC error channel: a bad
 * payload gets an `ErrorResponse` with status 400 as the error reply, and the handler never runs.
 */
export function natsValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new RpcException(badRequest('request validation failed', detailsOf(errors))),
  });
}
