import { EnvNumber } from '@gt-vision/backend-config';
import { DetectionRules } from '@gt-vision/shared-types';
import { IsInt, Max, Min } from 'class-validator';

export class PartitionsConfig {
  /**
   * Days of detections kept; older daily partitions are dropped whole. At least one day more than
   * ingest accepts (`DetectionRules.maxAgeDays`), so every detection ingest takes has a partition.
   */
  @EnvNumber()
  @IsInt()
  @Min(DetectionRules.maxAgeDays + 1)
  @Max(3650)
  DETECTIONS_RETENTION_DAYS = DetectionRules.maxAgeDays + 1;

  /** Daily partitions created ahead of today, so a missed maintenance run never blocks inserts. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(60)
  DETECTIONS_PARTITIONS_AHEAD_DAYS = 3;

  /** How often partitions are created ahead and dropped by retention. */
  @EnvNumber()
  @IsInt()
  @Min(10_000)
  @Max(24 * 3600_000)
  DETECTIONS_PARTITION_INTERVAL_MS = 3600_000;
}
