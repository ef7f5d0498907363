import { makeHistogramProvider } from '@willsoto/nestjs-prometheus';

export const AUDIT_APPEND_METRIC = 'gtv_audit_append_seconds';

/**
 * How long an audited request waits for its record: queued behind the group commit under way, then
 * its own batch's transaction and WAL flush. Every audited answer (searches, views, changes) waits
 * this long before it leaves.
 */
export const auditAppendMetric = {
  name: AUDIT_APPEND_METRIC,
  help: 'Time from an audit record handed to the log until its transaction committed (or failed).',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
};

export const auditMetrics = [makeHistogramProvider(auditAppendMetric)];
