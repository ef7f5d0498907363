import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import {
  CameraListQueryDto,
  CreateCameraDto,
  Roles,
  UpdateCameraDto,
  type CameraResponseDto,
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

  @ApiOkResponse({
    type: CameraPageResponse,
    headers: { ETag: { description: 'Send it back in If-None-Match', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match' })
  @Get()
  @AllowRoles(...READERS)
  async list(
    @Query() query: CameraListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // Sent as prepared JSON. With the ETag, Express answers a matching If-None-Match with 304, and
    // no-cache makes browsers ask again each time rather than trust their copy.
    const page = await this.cameras.listPage(query, principal);
    res.set({
      'content-type': 'application/json; charset=utf-8',
      etag: page.etag,
      'cache-control': 'private, no-cache',
    });
    return page.json;
  }

  @ApiOkResponse({ type: CameraResponse })
  @Get(':id')
  @AllowRoles(...READERS)
  get(
    @Param() { id }: CameraIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CameraResponseDto> {
    return this.cameras.get(id, principal);
  }

  @Post()
  // Camera bodies may carry source credentials: only these fields are recorded.
  @Audited('camera.created', { target: 'camera', body: ['name', 'enabled'] })
  @ApiCreatedResponse({ type: CameraResponse })
  @ApiConflictResponse(CONFLICT)
  create(@Body() dto: CreateCameraDto): Promise<CameraResponseDto> {
    return this.cameras.create(dto);
  }

  @Patch(':id')
  @Audited('camera.updated', { target: 'camera', body: ['name', 'enabled'] })
  @ApiOkResponse({ type: CameraResponse })
  @ApiConflictResponse(CONFLICT)
  update(
    @Param() { id }: CameraIdParams,
    @Body() dto: UpdateCameraDto,
  ): Promise<CameraResponseDto> {
    return this.cameras.update(id, dto);
  }

  @Delete(':id')
  @Audited('camera.deleted', { target: 'camera' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its MediaMTX path is removed' })
  remove(@Param() { id }: CameraIdParams): Promise<void> {
    return this.cameras.remove(id);
  }
}
