import { Global, Module } from '@nestjs/common';
import { frameMetrics } from './frame.metrics';

@Global()
@Module({ providers: frameMetrics, exports: frameMetrics })
export class FrameMetricsModule {}
