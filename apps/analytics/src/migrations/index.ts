import { CreateAnalyticsSchema1764032400000 } from './1764032400000-create-schema';
import { CreateDetections1764500000000 } from './1764500000000-create-detections';

/** In order of application; TypeORM records each by name in `analytics_migrations`. */
export const migrations = [CreateAnalyticsSchema1764032400000, CreateDetections1764500000000];
