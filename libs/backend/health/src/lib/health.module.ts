import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, type ReadinessCheckClass } from './health.tokens';
import { ShutdownState } from './shutdown.state';

/** `/health/live` and `/health/ready`; readiness runs the given checks of the service's real dependencies. */
@Global()
@Module({})
export class HealthModule {
  static forRoot(checks: ReadinessCheckClass[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [ShutdownState, { provide: READINESS_CHECKS, useValue: checks }],
      exports: [ShutdownState],
    };
  }
}
