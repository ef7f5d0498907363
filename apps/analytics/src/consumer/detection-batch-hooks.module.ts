import { Global, Module } from '@nestjs/common';
import { DetectionBatchHooks } from './detection-batch.hooks';

/** The one registry of batch hooks: global, so the sink and every module with a hook share it. */
@Global()
@Module({ providers: [DetectionBatchHooks], exports: [DetectionBatchHooks] })
export class DetectionBatchHooksModule {}
