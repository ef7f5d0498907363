import { CreateCameraRegistrySchema1764032400000 } from './1764032400000-create-schema';

/** In order of application; TypeORM records each by name in `camera_registry_migrations`. */
export const migrations = [CreateCameraRegistrySchema1764032400000];
