import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Roles } from './auth';
import { composeDecorators, NoControlCharacters, OptionalNotNull, Trim } from './dto-decorators';

/**
 * Per-camera permissions. Cameras are gathered in groups (a site, a district, "all cameras"); a group
 * is granted to a user or to a role. Admins (and GT-Vision's own services) see every camera. Anyone
 * else sees the cameras of the groups granted to them: a user's own grants when they have any,
 * otherwise their role's grants, otherwise none. Installation grants the built-in "All cameras" group
 * to the operator and viewer roles, so that nothing changes until an admin restricts someone.
 */
export const CAMERA_ACCESS_MESSAGES_VERSION = 1;

/** Roles a group can be granted to: admins always see everything; integrators only push detections. */
export const GRANTABLE_ROLES = [Roles.operator, Roles.viewer] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** How many cameras one membership update may name. */
export const CAMERA_GROUP_MAX_CAMERAS = 5000;

/** What one grant holder may see: every camera, or these. */
export interface CameraScopeV1 {
  all: boolean;
  cameraIds: number[];
}

/**
 * Every grant resolved to camera ids, as the registry publishes it (`camera-access.get` reply). Small
 * (one entry per restricted user and per role), so each service holds it in memory and checks a
 * camera with a set look-up instead of asking the registry per request.
 */
export interface CameraAccessSnapshot {
  version: typeof CAMERA_ACCESS_MESSAGES_VERSION;
  /** Grows with every committed change: a service never replaces a snapshot with an older one. */
  revision: number;
  roles: Partial<Record<GrantableRole, CameraScopeV1>>;
  /** Users with grants of their own, by id; these replace their role's grants. */
  users: Record<string, CameraScopeV1>;
}

/** `camera-access.get`: takes no fields. */
export class CameraAccessGetRequest {}

/** `camera-access.changed`: a grant, group or membership changed; fetch the snapshot again. */
export interface CameraAccessChangedEvent {
  version: typeof CAMERA_ACCESS_MESSAGES_VERSION;
  revision: number;
}

const GroupName = () =>
  composeDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(100), NoControlCharacters());
const GroupDescription = () =>
  composeDecorators(IsOptional(), IsString(), MaxLength(500), NoControlCharacters());
const CameraIdList = () =>
  composeDecorators(
    IsArray(),
    ArrayMaxSize(CAMERA_GROUP_MAX_CAMERAS),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(2 ** 31 - 1, { each: true }),
  );

export class CreateCameraGroupDto {
  @GroupName()
  name!: string;

  @GroupDescription()
  description?: string | null;

  /** Every camera, present and future (the built-in "All cameras" group). */
  @OptionalNotNull()
  @IsBoolean()
  allCameras?: boolean;

  @OptionalNotNull()
  @CameraIdList()
  cameraIds?: number[];
}

export class UpdateCameraGroupDto {
  @OptionalNotNull()
  @GroupName()
  name?: string;

  @GroupDescription()
  description?: string | null;

  @OptionalNotNull()
  @IsBoolean()
  allCameras?: boolean;
}

/** `PUT /api/camera-groups/:id/cameras`: the group's members from now on. */
export class SetGroupCamerasDto {
  @CameraIdList()
  cameraIds!: number[];
}

export class CameraGroupResponseDto {
  id!: string;
  name!: string;
  description!: string | null;
  allCameras!: boolean;
  /** Explicit members, ascending; empty for an all-cameras group. */
  cameraIds!: number[];
  createdAt!: string;
  updatedAt!: string;
}

/** A grant names either a user or a role, never both (the registry answers 400 otherwise). */
export class CreateCameraGrantDto {
  @IsUUID()
  groupId!: string;

  @OptionalNotNull()
  @IsUUID()
  userId?: string;

  @OptionalNotNull()
  @IsIn(GRANTABLE_ROLES)
  role?: GrantableRole;
}

export class CameraGrantQueryDto {
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsIn(GRANTABLE_ROLES)
  role?: GrantableRole;
}

export class CameraGrantResponseDto {
  id!: string;
  groupId!: string;
  userId!: string | null;
  role!: GrantableRole | null;
  createdBy!: string | null;
  createdAt!: string;
}
