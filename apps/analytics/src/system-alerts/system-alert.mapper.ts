import type { AlertmanagerAlertDto, SystemAlertDto } from '@gt-vision/shared-types';
import type { NewSystemAlert, SystemAlertRow } from './system-alerts.repository';

/** Alertmanager's "no end" (Go's zero time) while an alert fires. */
const GO_ZERO_TIME_YEAR = 1;

export function fromAlertmanager(alert: AlertmanagerAlertDto): NewSystemAlert {
  const endsAt = alert.endsAt ? new Date(alert.endsAt) : null;
  return {
    fingerprint: alert.fingerprint,
    name: alert.labels['alertname'] ?? 'unnamed',
    status: alert.status,
    severity: alert.labels['severity'] ?? 'none',
    summary: alert.annotations?.['summary'] ?? null,
    description: alert.annotations?.['description'] ?? null,
    labels: alert.labels,
    starts_at: new Date(alert.startsAt),
    // A firing alert carries the time Alertmanager would resolve it by itself: not an end.
    ends_at:
      alert.status === 'resolved' && endsAt && endsAt.getUTCFullYear() > GO_ZERO_TIME_YEAR
        ? endsAt
        : null,
  };
}

export function toSystemAlertDto(row: SystemAlertRow): SystemAlertDto {
  return {
    fingerprint: row.fingerprint,
    name: row.name,
    status: row.status,
    severity: row.severity,
    summary: row.summary,
    description: row.description,
    labels: row.labels,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}
