import { CreateAnalyticsSchema1764032400000 } from './1764032400000-create-schema';

/** In order of application; TypeORM records each by name in `analytics_migrations`. */
export const migrations = [CreateAnalyticsSchema1764032400000];
