import type { ClientNats } from '@nestjs/microservices';
import type { Tx } from '@gt-vision/backend-database';
import type { LiveDetectionsEvent } from '@gt-vision/shared-types';
import { of, throwError } from 'rxjs';
import { detectionEvent } from '../consumer/detection-event.fixture';
import { DetectionBatchHooks } from '../consumer/detection-batch.hooks';
import { DetectionsConfig } from '../detections/detections.config';
import { LiveDetectionPublisher } from './live-detection.publisher';

function setup(emit: jest.Mock) {
  const config = Object.assign(new DetectionsConfig(), { SNAPSHOTS_DIR: '/snapshots' });
  const nats = { emit } as unknown as ClientNats;
  return new LiveDetectionPublisher(new DetectionBatchHooks(), nats, config);
}

const tx = {} as Tx;

describe('LiveDetectionPublisher', () => {
  it("publishes each camera's detections of a batch on that camera's subject, only after the commit", async () => {
    const emit = jest.fn((_subject: string, _event: LiveDetectionsEvent) => of(undefined));
    const publisher = setup(emit);
    const afterCommit = await publisher.onDetectionsStored(tx, [
      detectionEvent({ id: 'a', cameraId: 1 }),
      detectionEvent({ id: 'b', cameraId: 2, snapshotRef: '2/b.jpg' }),
      detectionEvent({ id: 'c', cameraId: 1 }),
    ]);
    expect(emit).not.toHaveBeenCalled();

    afterCommit();
    expect(emit.mock.calls.map(([subject]) => subject)).toEqual([
      'live.detections.1',
      'live.detections.2',
    ]);
    const [, first] = emit.mock.calls[0];
    expect(first.version).toBe(1);
    expect(first.detections.map((d) => d.id)).toEqual(['a', 'c']);
    // What the client gets is the API's detection, as `GET /api/detections/:id` answers it.
    const [, second] = emit.mock.calls[1];
    expect(second.detections[0]).toMatchObject({
      id: 'b',
      cameraId: 2,
      snapshotUrl: '/api/detections/b/snapshot',
    });
    expect(second.detections[0].recording).toBeDefined();
  });

  it('keeps going when NATS refuses a publish: the detections are stored, the overlay is a view', async () => {
    const emit = jest.fn((_subject: string, _event: LiveDetectionsEvent) =>
      throwError(() => new Error('disconnected')),
    );
    const publisher = setup(emit);
    const afterCommit = await publisher.onDetectionsStored(tx, [detectionEvent()]);
    expect(() => afterCommit()).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(emit).toHaveBeenCalledTimes(1);
  });
});
