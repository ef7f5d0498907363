import { CreateAnalyticsSchema1764032400000 } from './1764032400000-create-schema';
import { CreateDetections1764500000000 } from './1764500000000-create-detections';
import { CreateWatchlists1764800000000 } from './1764800000000-create-watchlists';
import { CreateAlerts1764800000001 } from './1764800000001-create-alerts';
import { CreateOutbox1764800000002 } from './1764800000002-create-outbox';
import { CreateSystemAlerts1765000000000 } from './1765000000000-create-system-alerts';
import { CreateDetectionCounts1765200000000 } from './1765200000000-create-detection-counts';
import { OutboxTraceHeaders1765300000000 } from './1765300000000-outbox-trace-headers';
import { DetectionById1765400000000 } from './1765400000000-detection-by-id';
import { DetectionsByPlate1765500000000 } from './1765500000000-detections-by-plate';
import { DetectionsByPlatePage1765600000000 } from './1765600000000-detections-by-plate-page';

/** In order of application; TypeORM records each by name in `analytics_migrations`. */
export const migrations = [
  CreateAnalyticsSchema1764032400000,
  CreateDetections1764500000000,
  CreateWatchlists1764800000000,
  CreateAlerts1764800000001,
  CreateOutbox1764800000002,
  CreateSystemAlerts1765000000000,
  CreateDetectionCounts1765200000000,
  OutboxTraceHeaders1765300000000,
  DetectionById1765400000000,
  DetectionsByPlate1765500000000,
  DetectionsByPlatePage1765600000000,
];
