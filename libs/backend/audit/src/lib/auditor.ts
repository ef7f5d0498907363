import { Injectable } from '@nestjs/common';
import { AuditConfig, type AuditReasonSubject } from './audit.config';
import { auditOrigin, auditReason, type AuditRequest } from './audit.context';
import { AuditLog, type AuditEntry } from './audit.log';

/** What a controller needs: record an action of the request's caller, with its reason. */
@Injectable()
export class Auditor {
  constructor(
    readonly log: AuditLog,
    private readonly config: AuditConfig,
  ) {}

  /** The stated reason; 400 when the deployment requires one for `subject` and there is none. */
  reason(req: AuditRequest, subject?: AuditReasonSubject): string | null {
    return auditReason(
      req,
      subject !== undefined && this.config.AUDIT_REASON_REQUIRED_FOR.includes(subject),
    );
  }

  /** Appends a record of what the request's caller did. */
  record(
    req: AuditRequest,
    entry: Omit<AuditEntry, 'actor' | 'sourceIp' | 'requestId'> & Partial<AuditEntry>,
  ): Promise<void> {
    return this.log.append({ ...auditOrigin(req), ...entry });
  }
}
