import { startTracing } from '@gt-vision/backend-tracing';
import { ServiceNames } from '@gt-vision/shared-types';

// Imported first by main.ts: instrumentation must patch http and express before they load.
startTracing(ServiceNames.lprEngine);
