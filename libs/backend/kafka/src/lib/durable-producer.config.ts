import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/** How DurableProducer groups concurrent publishes into shared, acknowledged produce requests. */
export class DurableProducerConfig {
  /** A produce request is sent as soon as this many messages are waiting. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  KAFKA_PRODUCE_BATCH_MAX = 5000;

  /** Otherwise it waits this long for more publishes to join (0: next tick). */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(100)
  KAFKA_PRODUCE_LINGER_MS = 2;

  /** Produce requests awaiting acknowledgement at once; publishes arriving meanwhile form the next. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_PRODUCE_MAX_IN_FLIGHT = 2;

  /** Messages that may wait; beyond, a publish is refused at once (the caller answers 503). */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  KAFKA_PRODUCE_MAX_QUEUED = 200_000;

  /** A publish not acknowledged by Kafka (acks=all) within this time is refused (the caller answers 503). */
  @EnvNumber()
  @IsInt()
  @Min(100)
  @Max(60_000)
  KAFKA_PRODUCE_TIMEOUT_MS = 5000;
}
