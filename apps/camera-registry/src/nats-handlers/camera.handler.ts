import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { natsValidationPipe } from '@gt-vision/backend-nats';
import {
  CameraGetRequest,
  CameraListRequest,
  CameraLprEnabledRequest,
  NatsSubjects,
  type CameraGetReply,
  type CameraListReply,
  type CameraLprEnabledReply,
} from '@gt-vision/shared-types';
import { CameraService } from '../cameras/camera.service';

/** Other services ask the registry for cameras here, never over HTTP nor by reading its tables. */
@Controller()
@UsePipes(natsValidationPipe())
export class CameraHandler {
  constructor(private readonly cameras: CameraService) {}

  @MessagePattern(NatsSubjects.cameraGet)
  get(@Payload() request: CameraGetRequest): Promise<CameraGetReply> {
    return this.cameras.summary(request.id);
  }

  @MessagePattern(NatsSubjects.cameraList)
  list(@Payload() request: CameraListRequest): Promise<CameraListReply> {
    return this.cameras.summaries(request);
  }

  @MessagePattern(NatsSubjects.cameraLprEnabled)
  // The payload has no fields, but it is still validated so that unexpected ones are refused.
  lprEnabled(@Payload() _request: CameraLprEnabledRequest): Promise<CameraLprEnabledReply> {
    return this.cameras.lprCameras();
  }
}
