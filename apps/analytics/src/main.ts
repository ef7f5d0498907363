import './instrumentation';
import { bootstrapService, setupOpenApi } from '@gt-vision/backend-http';
import { ServiceNames } from '@gt-vision/shared-types';
import { AppModule } from './app/app.module';
import { OPENAPI_INFO } from './openapi';

void bootstrapService({
  name: ServiceNames.analytics,
  module: AppModule,
  configure: (app) => setupOpenApi(app, OPENAPI_INFO),
});
