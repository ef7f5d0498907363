import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { HEALTH_CHECK_STATES, HEALTH_STATES, type HealthResponse } from '@gt-vision/shared-types';

const CHECKS: ApiPropertyOptions = {
  type: 'object',
  description: 'By check name',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: [...HEALTH_CHECK_STATES] } },
  },
};

/** Schema of `HealthResponse` (shared-types stays free of @nestjs/swagger for the console). */
export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: HEALTH_STATES })
  status!: HealthResponse['status'];

  @ApiPropertyOptional(CHECKS)
  info?: HealthResponse['info'];

  @ApiPropertyOptional(CHECKS)
  error?: HealthResponse['error'];

  @ApiPropertyOptional(CHECKS)
  details?: HealthResponse['details'];
}
