import { BatchRefusedError, type DurableProducer } from '@gt-vision/backend-kafka';
import { KafkaTopics, type DetectionEventV1 } from '@gt-vision/shared-types';
import { DetectionPublisher, DetectionsNotStoredException } from './detection.publisher';
import { IngestConfig } from './ingest.config';

const event = { id: 'e1', cameraId: 7, plate: 'ABC1D23' } as DetectionEventV1;

function setup(publish: jest.Mock) {
  const config = Object.assign(new IngestConfig(), { INGEST_UNAVAILABLE_RETRY_AFTER_SECONDS: 4 });
  return new DetectionPublisher({ publish } as unknown as DurableProducer, config);
}

describe('DetectionPublisher', () => {
  it('puts each event on the detections topic keyed by its camera, as JSON', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    await setup(publish).publish([event]);
    expect(publish).toHaveBeenCalledWith([
      { topic: KafkaTopics.detections, key: '7', value: JSON.stringify(event) },
    ]);
  });

  it.each(['unavailable', 'timeout', 'overloaded', 'failed'] as const)(
    'answers 503 with Retry-After when the producer refuses (%s)',
    async (reason) => {
      const publish = jest.fn().mockRejectedValue(new BatchRefusedError(reason, 'no'));
      const error = await setup(publish)
        .publish([event])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DetectionsNotStoredException);
      expect((error as DetectionsNotStoredException).getStatus()).toBe(503);
      expect((error as DetectionsNotStoredException).retryAfterSeconds).toBe(4);
    },
  );

  it('lets unexpected errors through (the filter answers 500 and logs them)', async () => {
    const publish = jest.fn().mockRejectedValue(new TypeError('bug'));
    await expect(setup(publish).publish([event])).rejects.toThrow('bug');
  });
});
