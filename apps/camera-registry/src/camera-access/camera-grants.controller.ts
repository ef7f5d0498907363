import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { CameraGrantQueryDto, CreateCameraGrantDto, Roles } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { CameraGrantResponse } from './camera-access.responses';
import { CameraAccessService } from './camera-access.service';

/**
 * Grants of a camera group to a user or a role. A user with grants of their own sees only those
 * groups' cameras; other users see their role's. Admins only; effective everywhere within seconds.
 */
@ApiTags('camera-access')
@Controller('api/camera-grants')
@AllowRoles(Roles.admin)
export class CameraGrantsController {
  constructor(private readonly access: CameraAccessService) {}

  @Get()
  @ApiOkResponse({ type: [CameraGrantResponse] })
  list(@Query() query: CameraGrantQueryDto) {
    return this.access.listGrants(query);
  }

  @Post()
  @Audited('camera-grant.created', { target: 'camera-grant', body: ['groupId', 'userId', 'role'] })
  @ApiCreatedResponse({ type: CameraGrantResponse })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown group or user' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already granted' })
  create(@Body() dto: CreateCameraGrantDto, @CurrentPrincipal() principal: Principal) {
    return this.access.createGrant(dto, principal);
  }

  @Delete(':id')
  @Audited('camera-grant.deleted', { target: 'camera-grant' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  remove(@UuidParam() id: string) {
    return this.access.deleteGrant(id);
  }
}
