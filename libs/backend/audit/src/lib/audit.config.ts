import { EnvList } from '@gt-vision/backend-config';
import { IsArray, IsIn } from 'class-validator';

/** The requests that need a stated reason where a deployment is so regulated (X-Audit-Reason). */
export const AUDIT_REASON_SUBJECTS = ['plate-search', 'watchlist-change'] as const;
export type AuditReasonSubject = (typeof AUDIT_REASON_SUBJECTS)[number];

export class AuditConfig {
  /** Comma-separated subset of AUDIT_REASON_SUBJECTS; empty (the default) asks for none. */
  @EnvList()
  @IsArray()
  @IsIn(AUDIT_REASON_SUBJECTS, { each: true })
  AUDIT_REASON_REQUIRED_FOR: AuditReasonSubject[] = [];
}
