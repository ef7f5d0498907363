import { CreateCameraRegistrySchema1764032400000 } from './1764032400000-create-schema';
import { CreateCameras1764032500000 } from './1764032500000-create-cameras';
import { CreateUsers1764100000000 } from './1764100000000-create-users';
import { CreateRefreshTokens1764100000001 } from './1764100000001-create-refresh-tokens';
import { CreateApiKeys1764100000002 } from './1764100000002-create-api-keys';
import { AddRefreshTokenSessions1764200000000 } from './1764200000000-add-refresh-token-sessions';
import { IndexRefreshTokenPruning1764200000001 } from './1764200000001-index-refresh-token-pruning';
import { CreateOutbox1764300000000 } from './1764300000000-create-outbox';
import { CreateCamerasVersion1764400000000 } from './1764400000000-create-cameras-version';
import { OutboxOrderingKey1764500000000 } from './1764500000000-outbox-ordering-key';
import { CreateAudit1764600000000 } from './1764600000000-create-audit';
import { OutboxTraceHeaders1765300000000 } from './1765300000000-outbox-trace-headers';
import { CreateCameraAccess1765400000000 } from './1765400000000-create-camera-access';
import { AddCameraSubStreams1765500000000 } from './1765500000000-add-camera-sub-streams';
import { AuditAppendFunction1765600000000 } from './1765600000000-audit-append-function';

/** In order of application; TypeORM records each by name in `camera_registry_migrations`. */
export const migrations = [
  CreateCameraRegistrySchema1764032400000,
  CreateCameras1764032500000,
  CreateUsers1764100000000,
  CreateRefreshTokens1764100000001,
  CreateApiKeys1764100000002,
  AddRefreshTokenSessions1764200000000,
  IndexRefreshTokenPruning1764200000001,
  CreateOutbox1764300000000,
  CreateCamerasVersion1764400000000,
  OutboxOrderingKey1764500000000,
  CreateAudit1764600000000,
  OutboxTraceHeaders1765300000000,
  CreateCameraAccess1765400000000,
  AddCameraSubStreams1765500000000,
  AuditAppendFunction1765600000000,
];
