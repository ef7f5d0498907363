import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { AuditRetention } from './audit-retention';
import { AuditTrailConfig } from './audit-trail.config';
import { AuditController } from './audit.controller';

/** What only the registry does with the trail: serve it, verify it, apply its retention. */
@Module({
  imports: [ConfigModule.forFeature(AuditTrailConfig)],
  controllers: [AuditController],
  providers: [AuditRetention],
})
export class AuditTrailModule {}
