import type { DashboardResponseDto } from '@gt-vision/shared-types';

export type AlertCounts = NonNullable<DashboardResponseDto['alerts']>;

/**
 * Where the dashboard reads alert counts from: the alerts module binds `ALERT_COUNTS_SOURCE` (a
 * query of its repository). Without a binding the dashboard answers `alerts: null`.
 */
export interface AlertCountsSource {
  /** Only of `cameraIds` when given (a caller restricted to some cameras). */
  countSince(since: Date, cameraIds?: number[]): Promise<AlertCounts>;
}

export const ALERT_COUNTS_SOURCE = Symbol('ALERT_COUNTS_SOURCE');
