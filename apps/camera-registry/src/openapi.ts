import type { OpenApiOptions } from '@gt-vision/backend-http';

export const OPENAPI_INFO: OpenApiOptions = {
  title: 'GT-Vision camera registry',
  version: '1',
  description: 'Cameras, users, sessions and API keys. Errors share one shape: `ErrorResponseDto`.',
};
