import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InternalOnly } from '@gt-vision/backend-auth';
import { LPR_ENGINE_RECOGNIZE_PATH, type RecognizeResponse } from '@gt-vision/shared-types';
import { RecognizeService } from './recognize.service';

@ApiTags('lpr')
@Controller()
@InternalOnly()
export class RecognizeController {
  constructor(private readonly recognizer: RecognizeService) {}

  @Post(LPR_ENGINE_RECOGNIZE_PATH)
  @HttpCode(200)
  @ApiOperation({ summary: 'Find and read every licence plate in a JPEG frame' })
  @ApiConsumes('image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  recognize(@Body() body: unknown): Promise<RecognizeResponse> {
    return this.recognizer.recognize(body);
  }
}
