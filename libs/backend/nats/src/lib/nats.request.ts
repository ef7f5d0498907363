import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { inNatsSendSpan, withTraceHeaders } from './nats.tracing';

/** Why a request got no usable reply; `reply` is the responder's error reply, when there was one. */
export class NatsRequestError extends Error {
  constructor(
    readonly subject: string,
    readonly reason: 'timeout' | 'no-responders' | 'error-reply',
    message: string,
    readonly reply?: unknown,
  ) {
    super(`${subject}: ${message}`);
    this.name = 'NatsRequestError';
  }
}

function describeReply(reply: unknown): string {
  if (reply instanceof Error) return reply.message;
  if (typeof reply === 'object' && reply !== null && 'message' in reply) {
    return String((reply as { message: unknown }).message);
  }
  return String(reply);
}

/**
 * One typed request/reply through Nest's NATS client. Rejects with a NatsRequestError when nothing
 * answers within `timeoutMs` (NATS down, or the responder too slow), when no service subscribes to the
 * subject, or when the responder answered with an error (e.g. a 400 for a bad payload). Traced: the
 * request's span is the parent of the responder's (its context travels in the message's headers).
 */
export function natsRequest<TReq, TRes>(
  client: Pick<ClientProxy, 'send'>,
  subject: string,
  payload: TReq,
  timeoutMs: number,
): Promise<TRes> {
  return inNatsSendSpan('request', subject, () =>
    requestOnce<TReq, TRes>(client, subject, payload, timeoutMs),
  );
}

async function requestOnce<TReq, TRes>(
  client: Pick<ClientProxy, 'send'>,
  subject: string,
  payload: TReq,
  timeoutMs: number,
): Promise<TRes> {
  try {
    const sent = client.send<TRes, unknown>(subject, withTraceHeaders(payload));
    return await firstValueFrom(sent.pipe(timeout(timeoutMs)));
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw new NatsRequestError(subject, 'timeout', `no reply within ${timeoutMs} ms`);
    }
    // Nest's client turns NATS's "no responders" status (an empty message) into EmptyResponseException,
    // which its package does not export.
    if (error instanceof Error && error.constructor.name === 'EmptyResponseException') {
      throw new NatsRequestError(subject, 'no-responders', 'no service answers this subject');
    }
    throw new NatsRequestError(subject, 'error-reply', describeReply(error), error);
  }
}

/**
 * Publishes an event (as Nest's `emit`, wrapped as `{pattern, data}`). Rejects when NATS does not take
 * it within `timeoutMs`; callers decide whether a lost event matters. Traced like natsRequest.
 */
export function natsPublish<T>(
  client: Pick<ClientProxy, 'emit'>,
  subject: string,
  event: T,
  timeoutMs: number,
): Promise<void> {
  return inNatsSendSpan('publish', subject, () =>
    lastValueFrom(
      client.emit<void, unknown>(subject, withTraceHeaders(event)).pipe(timeout(timeoutMs)),
      {
        defaultValue: undefined,
      },
    ),
  );
}
