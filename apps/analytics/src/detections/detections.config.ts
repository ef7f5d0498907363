import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';

export class DetectionsConfig {
  /** Root of the snapshot store; a detection's `snapshotRef` is a key relative to it. */
  @IsString()
  @IsNotEmpty()
  @Matches(/^\//, { message: 'must be an absolute path' })
  SNAPSHOTS_DIR!: string;

  /** The recording reference starts this long before the capture time... */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(600)
  PLAYBACK_LEAD_SECONDS = 10;

  /** ...and lasts this long. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(3600)
  PLAYBACK_DURATION_SECONDS = 30;
}
