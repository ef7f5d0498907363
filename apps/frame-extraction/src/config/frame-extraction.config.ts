import {
  ArrayNotEmpty,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { EnvList, EnvNumber } from '@gt-vision/backend-config';

/** Where frames come from and how they are read (readers/). */
export class ReaderConfig {
  /** MediaMTX's RTSP listener; cameras are read from `<url>/cam_<id>`. */
  @IsUrl({ require_tld: false, protocols: ['rtsp', 'rtsps'], require_protocol: true })
  MEDIAMTX_RTSP_URL = 'rtsp://127.0.0.1:8554';

  /**
   * Cameras one ffmpeg process reads. One process per camera costs ~20 MB each; one process for many
   * shares the decoder libraries and buffers: ~11 MB a camera at 10 per process, ~9.4 at 16, ~8.3 at 32
   * (README). A failing camera is moved out of its group into a process of its own, so it cannot stop
   * its neighbours for long.
   */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(64)
  FRAME_READER_CAMERAS_PER_PROCESS = 32;

  /**
   * Cameras a reader started for new cameras reads (at most FRAME_READER_CAMERAS_PER_PROCESS). ffmpeg
   * opens its inputs one after another, about a keyframe interval each, and delivers nothing before the
   * last is open: smaller start readers deliver sooner and are packed into full ones later by merges
   * (which take readers at most half full: a value between half and all of a full reader is never merged).
   * Measured at 250 cameras on 2 cores (README): 8 had every camera delivering 30 s after the leases
   * (32: 68 of 250 frames/s after 15 s), but merges failed there under load (one camera that cannot be
   * opened ends a merged reader), leaving 50 cameras in 8 readers at 14.8 MB a camera instead of 3 at
   * 8.8. So full readers by default.
   */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(64)
  FRAME_READER_START_CAMERAS = 32;

  /** A camera that delivered no frame for this long is considered stalled and its reader restarted. */
  @EnvNumber()
  @IsInt()
  @Min(3000)
  @Max(120000)
  FRAME_READER_STALL_MS = 8000;

  /**
   * What a reader may take to open each of its cameras before their stall time starts: ffmpeg opens them
   * one after another, each waiting for the camera's next keyframe. Above the cameras' keyframe interval.
   */
  @EnvNumber()
  @IsInt()
  @Min(500)
  @Max(30000)
  FRAME_READER_OPEN_MS = 2500;

  @IsString()
  FFMPEG_PATH = 'ffmpeg';

  /** Presented to MediaMTX as the RTSP password; the registry grants it `read` on enabled cameras. */
  @IsString()
  @MinLength(32)
  INTERNAL_SERVICE_TOKEN!: string;
}

/** The LPR engine(s) frames are sent to (engine/). */
export class EngineConfig {
  /** One or more engine base URLs; each gets its own circuit breaker. */
  @EnvList()
  @ArrayNotEmpty()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { each: true },
  )
  LPR_ENGINE_URLS: string[] = ['http://127.0.0.1:3005'];

  /** Bearer token for the engine; defaults to the internal service token every service accepts. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  LPR_ENGINE_TOKEN?: string;

  @IsString()
  @MinLength(32)
  INTERNAL_SERVICE_TOKEN!: string;

  @EnvNumber()
  @IsInt()
  @Min(100)
  @Max(30000)
  LPR_ENGINE_TIMEOUT_MS = 2000;

  /** Retries after the first attempt, with exponential backoff and full jitter. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(5)
  LPR_ENGINE_RETRIES = 2;

  @EnvNumber()
  @IsInt()
  @Min(10)
  @Max(10000)
  LPR_ENGINE_BACKOFF_MS = 100;

  /** Consecutive failed requests (after retries) that open an endpoint's breaker. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100)
  LPR_ENGINE_BREAKER_FAILURES = 5;

  /** How long an open breaker refuses before letting one trial request through. */
  @EnvNumber()
  @IsInt()
  @Min(500)
  @Max(300000)
  LPR_ENGINE_BREAKER_HALF_OPEN_MS = 5000;

  /** Frames in flight to the engines at once; more frames wait as "newest per camera" only. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(64)
  LPR_ENGINE_CONCURRENCY = 2;

  /** A frame waiting longer than this is dropped as stale: a detection that late is of little use. */
  @EnvNumber()
  @IsInt()
  @Min(500)
  @Max(60000)
  FRAME_MAX_AGE_MS = 3000;
}

/** How reads become detections (detections/). */
export class DetectionConfig {
  /**
   * Reads of the same plate (same OCR key) by one camera are one passing vehicle while each comes
   * within this long of the previous one.
   */
  @EnvNumber()
  @IsInt()
  @Min(1000)
  @Max(600000)
  DEDUPE_WINDOW_MS = 10000;

  /** A read at least this confident is published at once; weaker ones wait for a better one. */
  @EnvNumber()
  @IsNumber()
  @Min(0)
  @Max(1)
  DEDUPE_CONFIDENT = 0.9;

  /** The longest a weak read waits for a better read of the same plate before it is published. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(10000)
  DEDUPE_HOLD_MS = 1500;

  /** Root of the snapshot store, shared with analytics, which serves the JPEGs. */
  @IsString()
  @IsNotEmpty()
  SNAPSHOTS_DIR!: string;

  /** Detections waiting for Kafka; past this the oldest are dropped (and counted). */
  @EnvNumber()
  @IsInt()
  @Min(100)
  @Max(1000000)
  DETECTION_BUFFER_MAX = 10000;
}

/** Sharing cameras among replicas (leases/). */
export class LeaseConfig {
  /** This replica's name in the lease bucket; defaults to host and pid. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  FRAME_REPLICA_ID?: string;

  /** A lease not renewed for this long expires and its camera is taken over by another replica. */
  @EnvNumber()
  @IsInt()
  @Min(3000)
  @Max(120000)
  LEASE_TTL_MS = 6000;

  @EnvNumber()
  @IsInt()
  @Min(500)
  @Max(30000)
  LEASE_RENEW_MS = 1500;

  /** Safety re-read of the camera set, on top of the registry's change events. */
  @EnvNumber()
  @IsInt()
  @Min(1000)
  @Max(600000)
  CAMERA_REFRESH_MS = 30000;
}
