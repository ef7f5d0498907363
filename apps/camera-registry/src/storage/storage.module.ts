import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { NodeRecordingsFs, RecordingsFs } from './recordings-fs';
import { StorageGuard } from './storage-guard';
import { StorageConfig } from './storage.config';
import { storageMetrics } from './storage.metrics';

/** The recordings disk guard. Needs the global MetricsModule. */
@Module({
  imports: [ConfigModule.forFeature(StorageConfig)],
  providers: [
    { provide: RecordingsFs, useClass: NodeRecordingsFs },
    StorageGuard,
    ...storageMetrics,
  ],
})
export class StorageModule {}
