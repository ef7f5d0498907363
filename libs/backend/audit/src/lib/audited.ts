import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, type Observable } from 'rxjs';
import type { AuditReasonSubject } from './audit.config';
import type { AuditRequest } from './audit.context';
import { Auditor } from './auditor';

export interface AuditedOptions {
  /** Kind of the thing acted on; its id is the route's `:id`, else the answer's `id`. */
  target?: string;
  /** A request of this subject needs a stated reason when the deployment requires one (400 first). */
  reason?: AuditReasonSubject;
  /** Also record the query string (a plate search's filters). */
  query?: boolean;
  /**
   * Also record the request body (a watchlist entry's plate): all of it, or only the fields named (a
   * route whose body may hold a secret names the others).
   */
  body?: boolean | readonly string[];
}

const AUDITED = Symbol('AUDITED');

/**
 * Records the route's successful calls in the audit trail, before the answer leaves: a call whose
 * record cannot be written fails rather than go unrecorded. A refused call (4xx) is not recorded
 * here; logins record their failures themselves.
 */
export const Audited = (action: string, options: AuditedOptions = {}) =>
  SetMetadata(AUDITED, { action, ...options });

type RequestWithRoute = AuditRequest & {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
};

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly auditor: Auditor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const audited = this.reflector.get<(AuditedOptions & { action: string }) | undefined>(
      AUDITED,
      context.getHandler(),
    );
    if (!audited || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithRoute>();
    // Before the handler: a search without its required reason is refused, not performed.
    const reason = this.auditor.reason(req, audited.reason);
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const id = req.params?.['id'] ?? (result as { id?: unknown } | undefined)?.id;
        await this.auditor.record(req, {
          action: audited.action,
          target: audited.target && id !== undefined ? `${audited.target}:${id}` : null,
          details: {
            ...(req.params && Object.keys(req.params).length ? { params: req.params } : {}),
            ...(audited.query ? { query: req.query ?? {} } : {}),
            ...(audited.body ? { body: bodyOf(req.body, audited.body) } : {}),
          },
          reason,
        });
        return result;
      }),
    );
  }
}

function bodyOf(body: unknown, fields: true | readonly string[]): unknown {
  if (fields === true || typeof body !== 'object' || body === null) return body ?? null;
  return Object.fromEntries(
    Object.entries(body).filter(([field]) => (fields as readonly string[]).includes(field)),
  );
}
