import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  CreateCameraGroupDto,
  Roles,
  SetGroupCamerasDto,
  UpdateCameraGroupDto,
} from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { CameraGroupResponse } from './camera-access.responses';
import { CameraAccessService } from './camera-access.service';

const CONFLICT = { type: ErrorResponseDto, description: 'A group with this name exists' };
const UNKNOWN_CAMERA = { type: ErrorResponseDto, description: 'Invalid, or names no camera' };
const AUDITED_FIELDS = ['name', 'description', 'allCameras', 'cameraIds'];

/** Groups of cameras, granted to users and roles (`/api/camera-grants`). Admins only. */
@ApiTags('camera-access')
@Controller('api/camera-groups')
@AllowRoles(Roles.admin)
export class CameraGroupsController {
  constructor(private readonly access: CameraAccessService) {}

  @Get()
  @ApiOkResponse({ type: [CameraGroupResponse] })
  list() {
    return this.access.listGroups();
  }

  @Get(':id')
  @ApiOkResponse({ type: CameraGroupResponse })
  get(@UuidParam() id: string) {
    return this.access.getGroup(id);
  }

  @Post()
  @Audited('camera-group.created', { target: 'camera-group', body: AUDITED_FIELDS })
  @ApiCreatedResponse({ type: CameraGroupResponse })
  @ApiBadRequestResponse(UNKNOWN_CAMERA)
  @ApiConflictResponse(CONFLICT)
  create(@Body() dto: CreateCameraGroupDto) {
    return this.access.createGroup(dto);
  }

  @Patch(':id')
  @Audited('camera-group.updated', { target: 'camera-group', body: AUDITED_FIELDS })
  @ApiOkResponse({ type: CameraGroupResponse })
  @ApiConflictResponse(CONFLICT)
  update(@UuidParam() id: string, @Body() dto: UpdateCameraGroupDto) {
    return this.access.updateGroup(id, dto);
  }

  @Put(':id/cameras')
  @Audited('camera-group.cameras-set', { target: 'camera-group', body: AUDITED_FIELDS })
  @ApiOkResponse({ type: CameraGroupResponse, description: 'The group with its new members' })
  @ApiBadRequestResponse(UNKNOWN_CAMERA)
  setCameras(@UuidParam() id: string, @Body() dto: SetGroupCamerasDto) {
    return this.access.setCameras(id, dto.cameraIds);
  }

  @Delete(':id')
  @Audited('camera-group.deleted', { target: 'camera-group' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its grants' })
  remove(@UuidParam() id: string) {
    return this.access.deleteGroup(id);
  }
}
