import { ApiProperty } from '@nestjs/swagger';
import type { IngestAcceptedResponse } from '@gt-vision/shared-types';

/** Schema of `IngestAcceptedResponse` (shared-types stays free of @nestjs/swagger for the console). */
export class IngestAccepted implements IngestAcceptedResponse {
  /** How many detections are now durable. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  accepted!: number;
  /** Their ids, in request order: the ids sent, or those assigned to detections sent without one. */
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  ids!: string[];
}
