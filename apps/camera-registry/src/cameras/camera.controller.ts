import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '@gt-vision/backend-auth';
import {
  CameraListQueryDto,
  CreateCameraDto,
  Roles,
  UpdateCameraDto,
  type CameraResponseDto,
  type Page,
} from '@gt-vision/shared-types';
import { CameraIdParams } from './camera-id.params';
import { CameraPageResponse, CameraResponse } from './camera.responses';
import { CameraService } from './camera.service';

const CONFLICT = {
  type: ErrorResponseDto,
  description: 'A camera with this name exists, or it was changed at the same time',
};
const READERS = [Roles.admin, Roles.operator, Roles.viewer];

@ApiTags('cameras')
@Controller('api/cameras')
@AllowRoles(Roles.admin)
export class CameraController {
  constructor(private readonly cameras: CameraService) {}

  @ApiOkResponse({ type: CameraPageResponse })
  @Get()
  @AllowRoles(...READERS)
  list(@Query() query: CameraListQueryDto): Promise<Page<CameraResponseDto>> {
    return this.cameras.list(query);
  }

  @ApiOkResponse({ type: CameraResponse })
  @Get(':id')
  @AllowRoles(...READERS)
  get(@Param() { id }: CameraIdParams): Promise<CameraResponseDto> {
    return this.cameras.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: CameraResponse })
  @ApiConflictResponse(CONFLICT)
  create(@Body() dto: CreateCameraDto): Promise<CameraResponseDto> {
    return this.cameras.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CameraResponse })
  @ApiConflictResponse(CONFLICT)
  update(
    @Param() { id }: CameraIdParams,
    @Body() dto: UpdateCameraDto,
  ): Promise<CameraResponseDto> {
    return this.cameras.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its MediaMTX path is removed' })
  remove(@Param() { id }: CameraIdParams): Promise<void> {
    return this.cameras.remove(id);
  }
}
