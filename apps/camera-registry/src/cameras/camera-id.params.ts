import { DecimalInteger } from '@gt-vision/shared-types';
import { IsInt, Max, Min } from 'class-validator';

/** `:id` of `/api/cameras/:id`: a positive integer that fits PostgreSQL's integer. */
export class CameraIdParams {
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  id!: number;
}
