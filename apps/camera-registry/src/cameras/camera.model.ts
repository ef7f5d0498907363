import type { CameraSort, CameraStatus, SortOrder } from '@gt-vision/shared-types';

/** A camera as the repository reads it; credentials stay in the database unless asked for. */
export interface CameraRecord {
  id: number;
  name: string;
  /** Without credentials. */
  sourceUrl: string;
  hasCredentials: boolean;
  /** The sub-stream's source without credentials, or null when the camera has none. */
  subStreamUrl: string | null;
  hasSubStreamCredentials: boolean;
  location: { lat: number; lon: number; address: string | null } | null;
  tags: string[];
  recordingEnabled: boolean;
  retentionDays: number;
  lprEnabled: boolean;
  lprFps: number;
  enabled: boolean;
  status: CameraStatus;
  statusSince: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** What a write supplies: the stored fields less those the database assigns, plus the credentials. */
export type NewCamera = Omit<
  CameraRecord,
  'id' | 'hasCredentials' | 'hasSubStreamCredentials' | 'statusSince' | 'createdAt' | 'updatedAt'
> & {
  /** Encrypted userinfo of the source URL (see CredentialCipher), or null. */
  sourceCredentials: Buffer | null;
  /** Encrypted userinfo of the sub-stream URL, or null. */
  subStreamCredentials: Buffer | null;
};

/** Only the fields present change. A new `status` starts a new `since` and a history entry. */
export type CameraPatch = Partial<NewCamera> & { statusReason?: string };

/** What MediaMTX needs of an enabled camera; credentials still encrypted. */
export interface StoredCameraSource {
  id: number;
  sourceUrl: string;
  sourceCredentials: Buffer | null;
  subStreamUrl: string | null;
  subStreamCredentials: Buffer | null;
  recordingEnabled: boolean;
  retentionDays: number;
}

/** An enabled camera's sources with their credentials, for MediaMTX's path configuration only. */
export type CameraPathSource = Omit<
  StoredCameraSource,
  'sourceCredentials' | 'subStreamCredentials'
>;

export interface CameraListCriteria {
  status?: CameraStatus;
  /** Cameras having all of these tags. */
  tags?: string[];
  enabled?: boolean;
  lprEnabled?: boolean;
  nameContains?: string;
  /** Only these cameras (the caller's granted ones); undefined: every camera. */
  ids?: number[];
  sort: CameraSort;
  order: SortOrder;
  /** Keyset position: rows strictly after (sort key, id) in the requested order. */
  after?: { key: string; id: number };
  limit: number;
}

/** Filters of the internal (NATS) camera list; unpaged, ordered by id. */
export interface CameraSummaryCriteria {
  enabled?: boolean;
  lprEnabled?: boolean;
  ids?: number[];
}

export class DuplicateCameraNameError extends Error {
  constructor() {
    super('camera name already taken');
    this.name = 'DuplicateCameraNameError';
  }
}

/** Enabled and status changed under us (a concurrent toggle); the caller may simply retry. */
export class ConcurrentCameraChangeError extends Error {
  constructor() {
    super('camera changed concurrently');
    this.name = 'ConcurrentCameraChangeError';
  }
}
