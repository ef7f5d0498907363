import { EnvList, EnvNumber } from '@gt-vision/backend-config';
import { IsArray, IsFQDN, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';

export class DetectionsConfig {
  /** Root of the snapshot store; a detection's `snapshotRef` is a key relative to it. */
  @IsString()
  @IsNotEmpty()
  @Matches(/^\//, { message: 'must be an absolute path' })
  SNAPSHOTS_DIR!: string;

  /**
   * Hosts an external engine keeps its evidence on (`https://<host>/...` references), comma-separated.
   * The snapshot route redirects operators only there: any integrator key can set a reference, and an
   * open redirect from our origin would lend it our name. Empty (the default): none are followed.
   */
  @EnvList()
  @IsArray()
  @IsFQDN({ require_tld: false }, { each: true })
  SNAPSHOT_EXTERNAL_HOSTS: string[] = [];

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
