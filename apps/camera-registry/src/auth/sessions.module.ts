import { Module } from '@nestjs/common';
import { AuthConfig } from '@gt-vision/backend-auth';
import { ConfigModule } from '@gt-vision/backend-config';
import { AccessTokenIssuer } from './access-token.issuer';
import { LoginThrottle } from './login-throttle';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';
import { SessionService } from './session.service';

/** Sessions and the login throttle, shared by the login API and by user administration. */
@Module({
  imports: [ConfigModule.forFeature(AuthConfig, RegistryAuthConfig)],
  providers: [AccessTokenIssuer, RefreshTokensRepository, SessionService, LoginThrottle],
  exports: [SessionService, LoginThrottle, RefreshTokensRepository],
})
export class SessionsModule {}
