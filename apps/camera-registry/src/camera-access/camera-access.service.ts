import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type { Tx } from '@gt-vision/backend-database';
import type {
  CameraGrantQueryDto,
  CameraGrantResponseDto,
  CameraGroupResponseDto,
  CreateCameraGrantDto,
  CreateCameraGroupDto,
  UpdateCameraGroupDto,
} from '@gt-vision/shared-types';
import { CameraAccessEvents } from './camera-access.events';
import { mapCameraGrant, mapCameraGroup } from './camera-access.mapper';
import {
  CameraAccessRepository,
  DuplicateGrantError,
  DuplicateGroupNameError,
  MissingReferenceError,
} from './camera-access.repository';

const groupNotFound = (id: string) => new NotFoundException(`camera group ${id} does not exist`);

function badField(field: string, problem: string): BadRequestException {
  return new BadRequestException({ message: `${field} ${problem}`, details: [{ field, problem }] });
}

/** Admin CRUD of groups, members and grants; each committed change is announced (CameraAccessEvents). */
@Injectable()
export class CameraAccessService {
  constructor(
    private readonly repository: CameraAccessRepository,
    private readonly events: CameraAccessEvents,
  ) {}

  async listGroups(): Promise<CameraGroupResponseDto[]> {
    return (await this.repository.listGroups()).map(mapCameraGroup);
  }

  async getGroup(id: string): Promise<CameraGroupResponseDto> {
    const row = await this.repository.findGroup(id);
    if (!row) throw groupNotFound(id);
    return mapCameraGroup(row);
  }

  async createGroup(dto: CreateCameraGroupDto): Promise<CameraGroupResponseDto> {
    return this.write(dto.name, async (tx) => {
      const id = await this.repository.insertGroup(tx, {
        name: dto.name,
        description: dto.description ?? null,
        allCameras: dto.allCameras ?? false,
      });
      if (dto.cameraIds?.length) await this.repository.setMembers(tx, id, dto.cameraIds);
      return id;
    });
  }

  async updateGroup(id: string, dto: UpdateCameraGroupDto): Promise<CameraGroupResponseDto> {
    return this.write(dto.name, async (tx) => {
      if (!(await this.repository.updateGroup(tx, id, dto))) throw groupNotFound(id);
      return id;
    });
  }

  async setCameras(id: string, cameraIds: number[]): Promise<CameraGroupResponseDto> {
    return this.write(undefined, async (tx) => {
      if (!(await this.repository.updateGroup(tx, id, {}))) throw groupNotFound(id);
      await this.repository.setMembers(tx, id, cameraIds);
      return id;
    });
  }

  async deleteGroup(id: string): Promise<void> {
    const { result, revision } = await this.repository.change((tx) =>
      this.repository.deleteGroup(tx, id),
    );
    if (!result) throw groupNotFound(id);
    await this.events.changed(revision);
  }

  async listGrants(query: CameraGrantQueryDto): Promise<CameraGrantResponseDto[]> {
    return (await this.repository.listGrants(query)).map(mapCameraGrant);
  }

  async createGrant(dto: CreateCameraGrantDto, by: Principal): Promise<CameraGrantResponseDto> {
    if ((dto.userId === undefined) === (dto.role === undefined)) {
      throw badField('userId', 'send exactly one of userId and role');
    }
    try {
      const { result, revision } = await this.repository.change((tx) =>
        this.repository.insertGrant(tx, {
          groupId: dto.groupId,
          userId: dto.userId ?? null,
          role: dto.role ?? null,
          by: by.kind === 'user' ? by.username : by.id,
        }),
      );
      await this.events.changed(revision);
      return mapCameraGrant(result);
    } catch (error) {
      if (error instanceof DuplicateGrantError) {
        throw new ConflictException('this group is already granted to them');
      }
      if (error instanceof MissingReferenceError) {
        const field = error.constraint.includes('user') ? 'userId' : 'groupId';
        throw badField(field, 'does not exist');
      }
      throw error;
    }
  }

  async deleteGrant(id: string): Promise<void> {
    const { result, revision } = await this.repository.change((tx) =>
      this.repository.deleteGrant(tx, id),
    );
    if (!result) throw new NotFoundException(`camera grant ${id} does not exist`);
    await this.events.changed(revision);
  }

  /** A group write and the revision bump in one transaction, then the announcement; the group after it. */
  private async write(
    name: string | undefined,
    work: (tx: Tx) => Promise<string>,
  ): Promise<CameraGroupResponseDto> {
    try {
      const { result: id, revision } = await this.repository.change(work);
      await this.events.changed(revision);
      return await this.getGroup(id);
    } catch (error) {
      if (error instanceof DuplicateGroupNameError) {
        throw new ConflictException({
          message: `a camera group named "${name}" already exists`,
          details: [{ field: 'name', problem: 'name is already used by another group' }],
        });
      }
      if (error instanceof MissingReferenceError) {
        throw badField('cameraIds', 'names a camera that does not exist');
      }
      throw error;
    }
  }
}
