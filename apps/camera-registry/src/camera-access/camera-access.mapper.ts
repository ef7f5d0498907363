import type { CameraGrantResponseDto, CameraGroupResponseDto } from '@gt-vision/shared-types';
import type { CameraGrantRow, CameraGroupRow } from './camera-access.repository';

export function mapCameraGroup(row: CameraGroupRow): CameraGroupResponseDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    allCameras: row.all_cameras,
    cameraIds: row.all_cameras ? [] : row.camera_ids,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function mapCameraGrant(row: CameraGrantRow): CameraGrantResponseDto {
  return {
    id: row.id,
    groupId: row.group_id,
    userId: row.user_id,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
