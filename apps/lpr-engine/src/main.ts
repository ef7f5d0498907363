import './instrumentation';
import { bootstrapService } from '@gt-vision/backend-http';
import { ServiceNames } from '@gt-vision/shared-types';
import { AppModule } from './app/app.module';

void bootstrapService({ name: ServiceNames.lprEngine, module: AppModule });
