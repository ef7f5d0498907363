import './instrumentation';
import { bootstrapService, setupOpenApi } from '@gt-vision/backend-http';
import { connectNatsServer } from '@gt-vision/backend-nats';
import { ServiceNames } from '@gt-vision/shared-types';
import { AppModule } from './app/app.module';
import { OPENAPI_INFO } from './openapi';

void bootstrapService({
  name: ServiceNames.cameraRegistry,
  module: AppModule,
  configure: async (app) => {
    setupOpenApi(app, OPENAPI_INFO);
    await connectNatsServer(app, ServiceNames.cameraRegistry);
  },
});
