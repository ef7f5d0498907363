import { Injectable } from '@nestjs/common';
import { ALERT_SEVERITIES } from '@gt-vision/shared-types';
import type { AlertCounts, AlertCountsSource } from '../dashboard/alert-counts.source';
import { AlertsRepository, type SeverityCountRow } from './alerts.repository';

/** Every severity present (zero when none was raised), and the totals over them. */
export function toAlertCounts(rows: readonly SeverityCountRow[]): AlertCounts {
  const counts: AlertCounts = {
    raised: 0,
    unacknowledged: 0,
    bySeverity: Object.fromEntries(
      ALERT_SEVERITIES.map((s) => [s, 0]),
    ) as AlertCounts['bySeverity'],
  };
  for (const row of rows) {
    counts.bySeverity[row.severity] = row.raised;
    counts.raised += row.raised;
    counts.unacknowledged += row.unacknowledged;
  }
  return counts;
}

/** The dashboard's alert counts (bound to `ALERT_COUNTS_SOURCE` by the alerts module). */
@Injectable()
export class AlertCountsQuery implements AlertCountsSource {
  constructor(private readonly repository: AlertsRepository) {}

  async countSince(since: Date, cameraIds?: number[]): Promise<AlertCounts> {
    return toAlertCounts(await this.repository.countBySeveritySince(since, cameraIds));
  }
}
