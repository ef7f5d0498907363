import { context, propagation } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps the id the edge (HAProxy) or a client gave, so one id follows a request across services;
 * anything that could forge log lines is replaced by a fresh id.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The baggage entry that carries a request's id beside its trace context, into NATS and Kafka messages. */
export const REQUEST_ID_BAGGAGE = 'gtv.request_id';

/**
 * Runs `work` with `id` in the active context's baggage. The propagator (libs/backend/tracing) writes it
 * into every message and call the work causes, so a consumer's log lines name the request that caused
 * them, as the trace id does.
 */
export function withRequestId<T>(id: string, work: () => T): T {
  const baggage = (propagation.getActiveBaggage() ?? propagation.createBaggage()).setEntry(
    REQUEST_ID_BAGGAGE,
    { value: id },
  );
  return context.with(propagation.setBaggage(context.active(), baggage), work);
}

/** The id of the request the current work was caused by, when one is known and well formed. */
export function activeRequestId(): string | undefined {
  const id = propagation.getActiveBaggage()?.getEntry(REQUEST_ID_BAGGAGE)?.value;
  return id !== undefined && SAFE_REQUEST_ID.test(id) ? id : undefined;
}
