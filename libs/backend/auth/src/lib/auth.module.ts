import {
  DynamicModule,
  InjectionToken,
  MiddlewareConsumer,
  Module,
  ModuleMetadata,
  NestModule,
  Provider,
  Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@gt-vision/backend-config';
import { AccessTokenVerifier } from './access-token';
import { ApiKeyFailureLimit } from './api-key.failure-limit';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthConfig, InternalAuthConfig } from './auth.config';
import { AuthGuard } from './auth.guard';
import { AuthenticationMiddleware } from './auth.middleware';
import { Authenticator } from './authenticator';
import { CameraAccess } from './camera-access';
import { InternalTokenAuthenticator, InternalTokenMatcher } from './internal-token.authenticator';
import { AUTH_REDIS, RevocationStore } from './revocation.store';

export interface AuthModuleOptions {
  /**
   * The service's Redis client token (`REDIS` from @gt-vision/backend-redis), which holds the shared
   * revocation list. Passed in rather than imported: backend-redis depends on backend-health, which
   * depends on this lib for `@Public()`.
   */
  redis: InjectionToken;
  /** How this service checks `X-Api-Key`; without it API keys are refused. */
  apiKeys?: { imports?: ModuleMetadata['imports']; verifier: Type<ApiKeyVerifier> };
}

/** Authentication for every route of the service: a global guard plus the middleware it relies on. */
@Module({})
export class AuthModule implements NestModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const apiKeyProviders: Provider[] = options.apiKeys
      ? [{ provide: ApiKeyVerifier, useExisting: options.apiKeys.verifier }, ApiKeyFailureLimit]
      : [];
    return {
      module: AuthModule,
      global: true,
      imports: [ConfigModule.forFeature(AuthConfig), ...(options.apiKeys?.imports ?? [])],
      providers: [
        { provide: AUTH_REDIS, useExisting: options.redis },
        AccessTokenVerifier,
        RevocationStore,
        Authenticator,
        AuthenticationMiddleware,
        CameraAccess,
        ...apiKeyProviders,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AccessTokenVerifier, RevocationStore, Authenticator, CameraAccess],
    };
  }

  /**
   * For a service only GT-Vision's own services call (the LPR engine): the internal service token is
   * the one credential accepted, so the service needs no Redis and no token-signing key.
   */
  static forInternalCallers(): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [ConfigModule.forFeature(InternalAuthConfig)],
      providers: [
        InternalTokenMatcher,
        { provide: Authenticator, useClass: InternalTokenAuthenticator },
        AuthenticationMiddleware,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [Authenticator],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthenticationMiddleware).forRoutes('*');
  }
}
