import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@gt-vision/backend-config';
import type { MixedList } from 'typeorm';
import { Database } from './database';
import { DatabaseConfig } from './database.config';
import { DatabaseReadiness } from './database.readiness';

export interface DatabaseModuleOptions {
  /** The PostgreSQL schema the service owns; no service reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
}

/**
 * TypeORM over PgBouncer. The schema only ever changes through the service's migrations, which run
 * at start-up, each in its own transaction; `synchronize` is never used.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule.forFeature(DatabaseConfig)],
          inject: [DatabaseConfig],
          useFactory: (config: DatabaseConfig) => ({
            type: 'postgres' as const,
            host: config.DATABASE_HOST,
            port: config.DATABASE_PORT,
            database: config.DATABASE_NAME,
            username: config.DATABASE_USER,
            password: config.DATABASE_PASSWORD,
            entities: options.entities ?? [],
            migrations: options.migrations,
            migrationsTableName: `${options.schema}_migrations`,
            migrationsRun: true,
            migrationsTransactionMode: 'each' as const,
            synchronize: false,
            retryAttempts: 10,
            retryDelay: 3000,
            extra: { max: config.DATABASE_POOL_SIZE, application_name: options.schema },
          }),
        }),
      ],
      providers: [Database, DatabaseReadiness],
      exports: [Database, DatabaseReadiness],
    };
  }
}
