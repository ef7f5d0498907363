import type { OpenApiOptions } from '@gt-vision/backend-http';

export const OPENAPI_INFO: OpenApiOptions = {
  title: 'GT-Vision ingest',
  version: '1',
  description:
    'Plate detections in. `202` only once a detection is durable in Kafka (acks=all); `503` with ' +
    '`Retry-After` when it could not be stored, `429` with `Retry-After` over a rate limit. ' +
    'Errors share one shape: `ErrorResponseDto`.',
};
