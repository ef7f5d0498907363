import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@gt-vision/backend-health';
import { RecognizeService } from './recognize.service';

/** The engine depends on nothing but its models: ready once they are loaded. */
@Injectable()
export class ModelsReadiness extends ReadinessCheck {
  readonly name = 'ocr-models';

  constructor(private readonly recognizer: RecognizeService) {
    super();
  }

  async probe(): Promise<void> {
    if (!this.recognizer.ready) throw new Error('OCR models not loaded yet');
  }
}
