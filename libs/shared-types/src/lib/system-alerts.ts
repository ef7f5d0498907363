import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DecimalInteger, NestedArray } from './dto-decorators';

/**
 * System alerts: what Prometheus' rules fire, as Alertmanager delivers them to the product
 * (`POST /internal/alertmanager` on analytics, its webhook receiver), so an SRE sees them in the
 * console's system page and over `/ws/live/` without opening another tool. Not watchlist alerts.
 */
export const SYSTEM_ALERT_STATUSES = ['firing', 'resolved'] as const;
export type SystemAlertStatus = (typeof SYSTEM_ALERT_STATUSES)[number];

export const SystemAlertRules = {
  /** Alertmanager sends at most `max_alerts` per call (0 = all); a group rarely holds more. */
  maxAlertsPerNotification: 1000,
  maxLabelText: 4096,
  listLimit: { default: 100, max: 500 },
} as const;

/** One alert of Alertmanager's webhook payload (version 4); fields the product does not use are ignored. */
export class AlertmanagerAlertDto {
  @IsIn(SYSTEM_ALERT_STATUSES)
  status!: SystemAlertStatus;

  @IsObject()
  labels!: Record<string, string>;

  @IsOptional()
  @IsObject()
  annotations?: Record<string, string>;

  @IsISO8601()
  startsAt!: string;

  /** `0001-01-01T00:00:00Z` while firing. */
  @IsOptional()
  @IsISO8601()
  endsAt?: string;

  @IsString()
  @MaxLength(64)
  fingerprint!: string;

  @IsOptional()
  @IsString()
  @MaxLength(SystemAlertRules.maxLabelText)
  generatorURL?: string;
}

/** Body of Alertmanager's webhook (`webhook_configs`), payload version 4. */
export class AlertmanagerWebhookDto {
  @IsString()
  @IsIn(['4'])
  version!: string;

  @IsIn(SYSTEM_ALERT_STATUSES)
  status!: SystemAlertStatus;

  @IsString()
  @MaxLength(256)
  receiver!: string;

  @NestedArray(AlertmanagerAlertDto, SystemAlertRules.maxAlertsPerNotification)
  alerts!: AlertmanagerAlertDto[];

  /* The rest of the payload: accepted (unknown fields are refused), not used. */
  @IsOptional()
  @IsObject()
  groupLabels?: Record<string, string>;

  @IsOptional()
  @IsObject()
  commonLabels?: Record<string, string>;

  @IsOptional()
  @IsObject()
  commonAnnotations?: Record<string, string>;

  @IsOptional()
  @IsString()
  @MaxLength(SystemAlertRules.maxLabelText)
  externalURL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(SystemAlertRules.maxLabelText)
  groupKey?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  truncatedAlerts?: number;
}

/** A system alert as the product shows it (`GET /api/analytics/system-alerts`, live `system-alert`). */
export interface SystemAlertDto {
  /** Alertmanager's fingerprint of the label set: the same alert keeps it from firing to resolved. */
  fingerprint: string;
  name: string;
  status: SystemAlertStatus;
  severity: string;
  summary: string | null;
  description: string | null;
  labels: Record<string, string>;
  startsAt: string;
  /** When it resolved; null while firing. */
  endsAt: string | null;
  /** When the product last heard of it from Alertmanager. */
  updatedAt: string;
}

/** Query of `GET /api/analytics/system-alerts`. */
export class SystemAlertQueryDto {
  @IsOptional()
  @IsIn(SYSTEM_ALERT_STATUSES)
  status?: SystemAlertStatus;

  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(SystemAlertRules.listLimit.max)
  limit: number = SystemAlertRules.listLimit.default;
}

export interface SystemAlertListResponseDto {
  /** Firing first (most severe, then newest), then resolved ones, newest first. */
  items: SystemAlertDto[];
}

/** Payload of `NatsSubjects.systemAlertChanged`: every analytics replica pushes it to its admin clients. */
export interface SystemAlertChangedEvent {
  version: 1;
  alerts: SystemAlertDto[];
}

/** Windows the console's system charts offer (`GET /api/analytics/system-metrics?range=`). */
export const SYSTEM_METRIC_RANGES = ['1h', '6h', '24h'] as const;
export type SystemMetricRange = (typeof SYSTEM_METRIC_RANGES)[number];

export class SystemMetricsQueryDto {
  @IsOptional()
  @IsIn(SYSTEM_METRIC_RANGES)
  range: SystemMetricRange = '1h';
}

/** How a chart's values read: a fraction (0–1), a rate per second, or a plain count. */
export type SystemChartUnit = 'ratio' | 'perSecond' | 'count';

export interface SystemChartSeriesDto {
  label: string;
  /** `[unix seconds, value]`, oldest first. */
  points: [number, number][];
}

export interface SystemChartDto {
  /** Stable id of the fixed query (`cpu`, `memory`, ...): the console names it in the user's language. */
  id: string;
  unit: SystemChartUnit;
  series: SystemChartSeriesDto[];
}

/** Answer of `GET /api/analytics/system-metrics` (admins): fixed Prometheus queries, never the caller's. */
export interface SystemMetricsResponseDto {
  range: SystemMetricRange;
  stepSeconds: number;
  generatedAt: string;
  charts: SystemChartDto[];
}
