import { ApiProperty } from '@nestjs/swagger';
import {
  GRANTABLE_ROLES,
  type CameraGrantResponseDto,
  type CameraGroupResponseDto,
  type GrantableRole,
} from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

/** Schema of `CameraGroupResponseDto` (shared-types stays free of @nestjs/swagger). */
export class CameraGroupResponse implements CameraGroupResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
  /** Every camera, present and future. */
  allCameras!: boolean;
  /** Explicit members, ascending; empty for an all-cameras group. */
  @ApiProperty({ type: [Number] })
  cameraIds!: number[];
  @ApiTimestamp()
  createdAt!: string;
  @ApiTimestamp()
  updatedAt!: string;
}

export class CameraGrantResponse implements CameraGrantResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  groupId!: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  userId!: string | null;
  @ApiProperty({ enum: GRANTABLE_ROLES, nullable: true })
  role!: GrantableRole | null;
  /** Username of the admin who granted it (`installation` for the built-in grants). */
  @ApiProperty({ type: String, nullable: true })
  createdBy!: string | null;
  @ApiTimestamp()
  createdAt!: string;
}
