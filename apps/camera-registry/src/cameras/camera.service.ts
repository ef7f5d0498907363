import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  CAMERA_MESSAGES_VERSION,
  CameraRules,
  cameraPath,
  type CameraChange,
  type CameraGetReply,
  type CameraListReply,
  type CameraLprEnabledReply,
  type CameraListQueryDto,
  type CameraLocationDto,
  type CameraResponseDto,
  type CameraStatus,
  type CreateCameraDto,
  type Page,
  type UpdateCameraDto,
} from '@gt-vision/shared-types';
import {
  ALL_CAMERAS,
  CameraAccess,
  scopedIds,
  type CameraScope,
  type Principal,
} from '@gt-vision/backend-auth';
import type { Tx } from '@gt-vision/backend-database';
import { decodeCursor, encodeCursor } from './camera-cursor';
import { CameraAccessCascades } from '../camera-access/camera-access.cascades';
import { CameraPageCache, pageKey, type SerializedPage } from './camera-page.cache';
import { CameraEvents } from './camera-events';
import { mapCamera, mapCameraSummary } from './camera.mapper';
import {
  CameraPatch,
  CameraPathSource,
  CameraRecord,
  CameraSummaryCriteria,
  ConcurrentCameraChangeError,
  DuplicateCameraNameError,
} from './camera.model';
import { CameraRepository } from './camera.repository';
import { CredentialCipher } from './credential-cipher';
import { joinSourceUrl, splitSourceUrl } from './source-url';

/** A camera that is switched off is `disabled`; switched back on, it is `connecting` until MediaMTX says. */
export function statusAfterToggle(
  current: Pick<CameraRecord, 'enabled'>,
  enabled: boolean,
): CameraStatus | undefined {
  if (current.enabled === enabled) return undefined;
  return enabled ? 'connecting' : 'disabled';
}

function toLocation(location: CameraLocationDto | null | undefined): CameraRecord['location'] {
  return location
    ? { lat: location.lat, lon: location.lon, address: location.address ?? null }
    : null;
}

function sortKey(camera: CameraRecord, sort: CameraListQueryDto['sort']): string {
  if (sort === 'createdAt') return camera.createdAt.toISOString();
  return sort === 'status' ? camera.status : camera.name;
}

function notFound(id: number): NotFoundException {
  return new NotFoundException(`camera ${id} does not exist`);
}

@Injectable()
export class CameraService {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly cipher: CredentialCipher,
    private readonly events: CameraEvents,
    private readonly pages: CameraPageCache,
    private readonly access: CameraAccess,
    private readonly cascades: CameraAccessCascades,
  ) {}

  /**
   * A list page ready to send, from the cache while the cameras table has not changed. The version
   * is read before the rows, so a page is never stored under a version newer than its content.
   */
  async listPage(query: CameraListQueryDto, caller: Principal): Promise<SerializedPage> {
    const scope = this.access.scopeOf(caller);
    const key = pageKey(query, scope);
    // The ETag names the permissions too: a browser's copy from before a grant change is not a 304.
    const version = `${await this.cameras.version()}.${this.access.revision ?? 0}`;
    return (
      this.pages.get(key, version) ??
      this.pages.set(key, version, JSON.stringify(await this.list(query, scope)))
    );
  }

  /** The cameras within `scope` (the caller's granted cameras) matching the query, one page. */
  async list(
    query: CameraListQueryDto,
    scope: CameraScope = ALL_CAMERAS,
  ): Promise<Page<CameraResponseDto>> {
    const after = query.cursor ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
    // One row more than asked tells whether another page exists without counting.
    const rows = await this.cameras.list({
      status: query.status,
      tags: query.tag,
      enabled: query.enabled,
      lprEnabled: query.lprEnabled,
      nameContains: query.q || undefined,
      ids: scopedIds(scope),
      sort: query.sort,
      order: query.order,
      after,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > query.limit
        ? encodeCursor(query.sort, query.order, { key: sortKey(last, query.sort), id: last.id })
        : null;
    return { items: items.map(mapCamera), nextCursor };
  }

  /** With a caller: a camera not granted to them is as missing as one that does not exist. */
  async get(id: number, caller?: Principal): Promise<CameraResponseDto> {
    if (caller) this.access.assertVisible(caller, id, () => notFound(id));
    const camera = await this.cameras.findById(id);
    if (!camera) throw notFound(id);
    return mapCamera(camera);
  }

  /** For other services (NATS `camera.get`): a missing camera is a null answer, not an error. */
  async summary(id: number): Promise<CameraGetReply> {
    const camera = await this.cameras.findById(id);
    return { version: CAMERA_MESSAGES_VERSION, camera: camera && mapCameraSummary(camera) };
  }

  async summaries(criteria: CameraSummaryCriteria): Promise<CameraListReply> {
    const cameras = await this.cameras.listByCriteria(criteria);
    return { version: CAMERA_MESSAGES_VERSION, cameras: cameras.map(mapCameraSummary) };
  }

  async lprCameras(): Promise<CameraLprEnabledReply> {
    const cameras = await this.cameras.listLprCameras();
    return {
      version: CAMERA_MESSAGES_VERSION,
      cameras: cameras.map(({ id, lprFps }) => ({
        id,
        path: cameraPath(id),
        lpr: { fps: lprFps },
      })),
    };
  }

  async create(dto: CreateCameraDto): Promise<CameraResponseDto> {
    const enabled = dto.enabled ?? true;
    const camera = await this.write(dto.name, 'created', (tx) =>
      this.cameras.insert(
        {
          name: dto.name,
          ...this.protectSource(dto.sourceUrl),
          ...this.protectSubStream(dto.subStreamUrl ?? null),
          location: toLocation(dto.location),
          tags: dto.tags ?? [],
          recordingEnabled: dto.recording?.enabled ?? true,
          retentionDays: dto.recording?.retentionDays ?? CameraRules.retentionDays.default,
          lprEnabled: dto.lpr?.enabled ?? false,
          lprFps: dto.lpr?.fps ?? CameraRules.lprFps.default,
          enabled,
          status: enabled ? 'connecting' : 'disabled',
        },
        tx,
      ),
    );
    return mapCamera(camera);
  }

  async update(id: number, dto: UpdateCameraDto): Promise<CameraResponseDto> {
    const patch: CameraPatch = {
      name: dto.name,
      ...(dto.sourceUrl !== undefined && this.protectSource(dto.sourceUrl)),
      ...(dto.subStreamUrl !== undefined && this.protectSubStream(dto.subStreamUrl)),
      location: dto.location === undefined ? undefined : toLocation(dto.location),
      tags: dto.tags,
      recordingEnabled: dto.recording?.enabled,
      retentionDays: dto.recording?.retentionDays,
      lprEnabled: dto.lpr?.enabled,
      lprFps: dto.lpr?.fps,
      enabled: dto.enabled,
    };
    if (dto.enabled !== undefined) {
      const current = await this.cameras.findById(id);
      if (!current) throw notFound(id);
      patch.status = statusAfterToggle(current, dto.enabled);
      patch.statusReason = dto.enabled ? 'camera enabled' : 'camera disabled';
    }
    if (Object.values(patch).every((value) => value === undefined)) return this.get(id);
    const camera = await this.write(dto.name, 'updated', (tx) =>
      this.cameras.update(id, patch, tx),
    );
    if (!camera) throw notFound(id);
    return mapCamera(camera);
  }

  async remove(id: number): Promise<void> {
    const { deleted, revision } = await this.events.record(
      async (tx) => {
        const revision = await this.cascades.cameraDeleting(tx, id);
        return { deleted: await this.cameras.delete(id, tx), revision };
      },
      (done) => (done.deleted ? this.events.changed(id, 'deleted') : null),
    );
    if (!deleted) throw notFound(id);
    await this.cascades.announce(revision);
  }

  /** The source URL with its credentials, for MediaMTX's path configuration only; never for an API answer. */
  async sourceUrlWithCredentials(id: number): Promise<string> {
    const source = await this.cameras.findSource(id);
    if (!source) throw notFound(id);
    return this.reveal(source.url, source.credentials);
  }

  /** Every enabled camera's sources with credentials, in one query, for the MediaMTX reconciler. */
  async enabledPathSources(): Promise<CameraPathSource[]> {
    const sources = await this.cameras.listEnabledSources();
    return sources.map(({ sourceCredentials, subStreamCredentials, ...source }) => ({
      ...source,
      sourceUrl: this.reveal(source.sourceUrl, sourceCredentials),
      subStreamUrl:
        source.subStreamUrl === null
          ? null
          : this.reveal(source.subStreamUrl, subStreamCredentials),
    }));
  }

  private reveal(url: string, credentials: Buffer | null): string {
    return joinSourceUrl(url, credentials ? this.cipher.decrypt(credentials) : null);
  }

  /** A source URL as stored: without its userinfo, which is kept encrypted beside it. */
  private protect(sourceUrl: string): { url: string; credentials: Buffer | null } {
    const { url, credentials } = splitSourceUrl(sourceUrl);
    return { url, credentials: credentials === null ? null : this.cipher.encrypt(credentials) };
  }

  private protectSource(sourceUrl: string): {
    sourceUrl: string;
    sourceCredentials: Buffer | null;
  } {
    const { url, credentials } = this.protect(sourceUrl);
    return { sourceUrl: url, sourceCredentials: credentials };
  }

  private protectSubStream(subStreamUrl: string | null): {
    subStreamUrl: string | null;
    subStreamCredentials: Buffer | null;
  } {
    if (subStreamUrl === null) return { subStreamUrl: null, subStreamCredentials: null };
    const { url, credentials } = this.protect(subStreamUrl);
    return { subStreamUrl: url, subStreamCredentials: credentials };
  }

  /**
   * A create or update and its `camera.changed` event, in one transaction; client-caused constraint
   * violations become 409s.
   */
  private async write<T extends CameraRecord | null>(
    name: string | undefined,
    change: Exclude<CameraChange, 'deleted'>,
    write: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.events.record(write, (camera) =>
        camera ? this.events.changed(camera.id, change) : null,
      );
    } catch (error) {
      if (error instanceof DuplicateCameraNameError) {
        throw new ConflictException({
          message: `a camera named "${name}" already exists`,
          details: [{ field: 'name', problem: 'name is already used by another camera' }],
        });
      }
      if (error instanceof ConcurrentCameraChangeError) {
        throw new ConflictException('the camera was changed at the same time; retry');
      }
      throw error;
    }
  }
}
