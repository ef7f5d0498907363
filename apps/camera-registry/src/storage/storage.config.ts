import {
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/**
 * Cross-field rule: the guard deletes from the high watermark down to the low one. Equal or inverted
 * values would make it delete one segment, stop, and start again on the next pass, forever.
 */
export function lowWatermarkBelowHigh(low: unknown, config: StorageConfig): boolean {
  return (
    typeof low === 'number' && low < (config.RECORDINGS_DISK_HIGH_WATERMARK_PERCENT ?? Number.NaN)
  );
}

function LowWatermarkBelowHigh(): PropertyDecorator {
  return ValidateBy({
    name: lowWatermarkBelowHigh.name,
    validator: {
      validate: (value, args?: ValidationArguments) =>
        lowWatermarkBelowHigh(value, args?.object as StorageConfig),
      defaultMessage: () =>
        `$property must be below RECORDINGS_DISK_HIGH_WATERMARK_PERCENT (rule ${lowWatermarkBelowHigh.name})`,
    },
  });
}

/** The recordings storage guard (storage-guard.ts): where MediaMTX records and when to evict. */
export class StorageConfig {
  /** MediaMTX's recordPath root, without `%path/…` ($GTV_STATE/recordings in the single-node stack). */
  @IsString()
  @Matches(/^\//, { message: '$property must be an absolute path' })
  RECORDINGS_DIR!: string;

  /** Used share of the recordings filesystem at which the guard starts deleting the oldest segments. */
  @EnvNumber()
  @IsInt()
  @Min(2)
  @Max(99)
  RECORDINGS_DISK_HIGH_WATERMARK_PERCENT = 90;

  /** Used share the guard deletes down to; the gap to the high watermark keeps it from running every pass. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(98)
  @LowWatermarkBelowHigh()
  RECORDINGS_DISK_LOW_WATERMARK_PERCENT = 85;

  /**
   * A 10-minute segment of a few Mbit/s is a few hundred MB, so 30 s between checks leaves a disk far
   * more headroom than the watermark gap needs; the check itself is one statfs call.
   */
  @EnvNumber()
  @IsInt()
  @Min(1000)
  @Max(3600000)
  STORAGE_GUARD_INTERVAL_MS = 30000;
}
