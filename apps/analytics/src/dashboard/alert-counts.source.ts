import type { DashboardResponseDto } from '@gt-vision/shared-types';

export type AlertCounts = NonNullable<DashboardResponseDto['alerts']>;

/**
 * Where the dashboard reads alert counts from. The alerts module provides it (binding
 * `ALERT_COUNTS_SOURCE`); until then the dashboard answers `alerts: null`.
 */
export interface AlertCountsSource {
  countSince(since: Date): Promise<AlertCounts>;
}

export const ALERT_COUNTS_SOURCE = Symbol('ALERT_COUNTS_SOURCE');
