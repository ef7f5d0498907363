import './instrumentation';
import { bootstrapService } from '@gt-vision/backend-http';
import { connectNatsServer } from '@gt-vision/backend-nats';
import { ServiceNames } from '@gt-vision/shared-types';
import { AppModule } from './app/app.module';

void bootstrapService({
  name: ServiceNames.cameraRegistry,
  module: AppModule,
  configure: (app) => connectNatsServer(app, ServiceNames.cameraRegistry),
});
