import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigModule } from '@gt-vision/backend-config';
import { AuditConfig } from './audit.config';
import { AuditLog } from './audit.log';
import { auditMetrics } from './audit.metrics';
import { Auditor } from './auditor';
import { AuditInterceptor } from './audited';

/** Once per service (global, with the `@Audited` interceptor); needs the global DatabaseModule. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(AuditConfig)],
  providers: [
    AuditLog,
    Auditor,
    ...auditMetrics,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditLog, Auditor],
})
export class AuditModule {}
