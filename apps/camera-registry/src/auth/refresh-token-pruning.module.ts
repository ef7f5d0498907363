import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { RefreshTokenPruner, refreshTokenPruningMetrics } from './refresh-token.pruner';
import { RegistryAuthConfig } from './registry-auth.config';
import { SessionsModule } from './sessions.module';

/** The periodic deletion of spent refresh tokens. Needs the global MetricsModule. */
@Module({
  imports: [ConfigModule.forFeature(RegistryAuthConfig), SessionsModule],
  providers: [RefreshTokenPruner, ...refreshTokenPruningMetrics],
})
export class RefreshTokenPruningModule {}
