import { BadRequestException } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from '@gt-vision/backend-auth';
import type { AuditActor, AuditEntry } from './audit.log';

/** Where a caller gives the reason for a search or a change, when the deployment requires one. */
export const AUDIT_REASON_HEADER = 'x-audit-reason';
const MAX_REASON_LENGTH = 500;

/** Express's request as the services see it: `id` is the request id (backend-logging sets it). */
export type AuditRequest = AuthenticatedRequest & { ip?: string; id?: unknown };

export function auditActor(principal: Principal | undefined): AuditActor {
  if (!principal) return { kind: 'anonymous', id: null, name: null };
  switch (principal.kind) {
    case 'user':
      return { kind: 'user', id: principal.id, name: principal.username };
    case 'api-key':
      return { kind: 'api-key', id: principal.id, name: principal.name };
    case 'service':
      return { kind: 'service', id: principal.id, name: null };
  }
}

/** Who, from where, which request: the part of a record every request supplies. */
export function auditOrigin(
  req: AuditRequest,
): Pick<AuditEntry, 'actor' | 'sourceIp' | 'requestId'> {
  return {
    actor: auditActor(req.principal),
    sourceIp: req.ip ?? null,
    requestId: typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : null,
  };
}

/**
 * The caller's stated reason (`X-Audit-Reason`), or null when none is given and none is required; a
 * 400 naming the header when one is required and missing, or unusable.
 */
export function auditReason(req: AuditRequest, required: boolean): string | null {
  const raw = req.headers[AUDIT_REASON_HEADER];
  const value = (Array.isArray(raw) ? raw.join(', ') : raw)?.trim();
  if (!value) {
    if (!required) return null;
    throw reasonRefused(
      'X-Audit-Reason header required',
      'required: this deployment records why each such request is made',
    );
  }
  if (value.length > MAX_REASON_LENGTH || /\p{Cc}/u.test(value)) {
    throw reasonRefused(
      'X-Audit-Reason header invalid',
      `at most ${MAX_REASON_LENGTH} characters, without control characters`,
    );
  }
  return value;
}

function reasonRefused(message: string, problem: string): BadRequestException {
  return new BadRequestException({
    message,
    details: [{ field: 'X-Audit-Reason', problem }],
  });
}
