import './instrumentation';
import { bootstrapService, setupOpenApi } from '@gt-vision/backend-http';
import { ServiceNames } from '@gt-vision/shared-types';
import { AppModule } from './app/app.module';
import { IngestConfig } from './detections/ingest.config';
import { INGEST_VALIDATION } from './detections/ingest.validation';
import { OPENAPI_INFO } from './openapi';

void bootstrapService({
  name: ServiceNames.ingest,
  module: AppModule,
  // A full batch is far larger than the default 100 KB JSON body limit.
  jsonBodyLimit: (app) => app.get(IngestConfig).INGEST_BODY_MAX_BYTES,
  validation: INGEST_VALIDATION,
  configure: (app) => setupOpenApi(app, OPENAPI_INFO),
});
