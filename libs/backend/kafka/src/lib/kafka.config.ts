import { ArrayNotEmpty, IsString } from 'class-validator';
import { EnvList } from '@gt-vision/backend-config';

export class KafkaConfig {
  @EnvList()
  @ArrayNotEmpty()
  @IsString({ each: true })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];
}
