import type { OpenApiOptions } from '@gt-vision/backend-http';

export const OPENAPI_INFO: OpenApiOptions = {
  title: 'GT-Vision analytics',
  version: '1',
  description:
    'Detection search (plate: exact, prefix, contains, wildcard, OCR-tolerant, over every reading), ' +
    'detail, snapshot and the dashboard. Errors share one shape: `ErrorResponseDto`.',
};
