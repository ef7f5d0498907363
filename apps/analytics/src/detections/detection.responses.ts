import { ApiProperty } from '@nestjs/swagger';
import {
  VEHICLE_TYPES,
  type BoundingBox,
  type DetectionResponseDto,
  type Page,
  type PlateReading,
  type RecordingReference,
  type VehicleAttributes,
  type VehicleType,
} from '@gt-vision/shared-types';

/*
 * Schemas of the detection answers. The contract is the shared-types interfaces (shared-types stays
 * free of @nestjs/swagger for the console); `implements` keeps these in step with it.
 */

export class BoundingBoxResponse implements BoundingBox {
  x!: number;
  y!: number;
  width!: number;
  height!: number;
}

export class VehicleAttributesResponse implements VehicleAttributes {
  @ApiProperty({ enum: VEHICLE_TYPES, nullable: true })
  type!: VehicleType | null;
  colour!: string | null;
  make!: string | null;
}

export class PlateReadingResponse implements PlateReading {
  /** Normalised. */
  plate!: string;
  confidence!: number;
}

export class RecordingReferenceResponse implements RecordingReference {
  /** MediaMTX path, `cam_{id}`. */
  path!: string;
  at!: string;
  /** Through the edge, e.g. `/playback/get?path=cam_1&start=…&duration=30`. */
  playbackUrl!: string;
}

export class DetectionResponse implements DetectionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: 'integer' })
  cameraId!: number;
  plate!: string;
  plateRaw!: string;
  confidence!: number;
  @ApiProperty({ format: 'date-time' })
  capturedAt!: string;
  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
  @ApiProperty({ format: 'date-time' })
  storedAt!: string;
  @ApiProperty({ type: BoundingBoxResponse, nullable: true })
  bbox!: BoundingBoxResponse | null;
  @ApiProperty({ type: VehicleAttributesResponse, nullable: true })
  vehicle!: VehicleAttributesResponse | null;
  source!: string;
  @ApiProperty({ type: [PlateReadingResponse] })
  alternatives!: PlateReadingResponse[];
  @ApiProperty({ type: String, nullable: true })
  snapshotUrl!: string | null;
  @ApiProperty({ type: RecordingReferenceResponse })
  recording!: RecordingReferenceResponse;
}

export class DetectionPageResponse implements Page<DetectionResponseDto> {
  @ApiProperty({ type: [DetectionResponse] })
  items!: DetectionResponse[];
  /** Pass it back, with the same filters, for the next (older) page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
