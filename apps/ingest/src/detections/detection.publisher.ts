import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { BatchRefusedError, DurableProducer } from '@gt-vision/backend-kafka';
import { KafkaTopics, type DetectionEventV1 } from '@gt-vision/shared-types';
import { IngestConfig } from './ingest.config';

/** Kafka could not take the detections: nothing was acknowledged, the client retries later. */
export class DetectionsNotStoredException extends ServiceUnavailableException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const MESSAGES: Record<BatchRefusedError['reason'], string> = {
  unavailable: 'the detection stream is unavailable; nothing was stored, retry later',
  timeout: 'the detection stream did not confirm in time; nothing was acknowledged, retry later',
  overloaded: 'too many detections are waiting to be stored; retry later',
  failed: 'the detection stream refused the detections; nothing was acknowledged, retry later',
};

/** Puts detections on the stream, keyed by camera (order per camera), and waits until they are durable. */
@Injectable()
export class DetectionPublisher {
  constructor(
    private readonly producer: DurableProducer,
    private readonly config: IngestConfig,
  ) {}

  async publish(events: readonly DetectionEventV1[]): Promise<void> {
    try {
      await this.producer.publish(
        events.map((event) => ({
          topic: KafkaTopics.detections,
          key: String(event.cameraId),
          value: JSON.stringify(event),
        })),
      );
    } catch (error) {
      if (!(error instanceof BatchRefusedError)) throw error;
      throw new DetectionsNotStoredException(
        MESSAGES[error.reason],
        this.config.INGEST_UNAVAILABLE_RETRY_AFTER_SECONDS,
      );
    }
  }
}
