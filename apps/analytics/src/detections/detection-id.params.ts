import { IsUUID } from 'class-validator';

export class DetectionIdParams {
  @IsUUID()
  id!: string;
}
