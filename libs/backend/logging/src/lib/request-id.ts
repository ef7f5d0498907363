import { context, propagation, type Context } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import { REQUEST_ID_ATTRIBUTE } from '@gt-vision/shared-types';
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

/**
 * The baggage entry that carries a request's id beside its trace context, into NATS and Kafka messages;
 * the spans it reaches carry it as an attribute of the same name (libs/backend/tracing).
 */
export const REQUEST_ID_BAGGAGE = REQUEST_ID_ATTRIBUTE;

/**
 * Runs `work` with `id` in the active context's baggage. The propagator (libs/backend/tracing) writes it
 * into every message and call the work causes, so a consumer's log lines name the request that caused
 * them, as the trace id does. The request's server span, started before the id was known, is named
 * with it here, so the trace store finds the request's trace by its id.
 */
export function withRequestId<T>(id: string, work: () => T): T {
  getRPCMetadata(context.active())?.span?.setAttribute(REQUEST_ID_ATTRIBUTE, id);
  const baggage = (propagation.getActiveBaggage() ?? propagation.createBaggage()).setEntry(
    REQUEST_ID_BAGGAGE,
    { value: id },
  );
  return context.with(propagation.setBaggage(context.active(), baggage), work);
}

/** The id of the request work in `ctx` was caused by, when one is known and well formed. */
export function requestIdIn(ctx: Context): string | undefined {
  const id = propagation.getBaggage(ctx)?.getEntry(REQUEST_ID_BAGGAGE)?.value;
  return id !== undefined && SAFE_REQUEST_ID.test(id) ? id : undefined;
}

export const activeRequestId = (): string | undefined => requestIdIn(context.active());
