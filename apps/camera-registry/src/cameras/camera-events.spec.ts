import type { CameraChangedEvent } from '@gt-vision/shared-types';
import { cameraEventsForTests } from './camera-events.fake';

describe('CameraEvents', () => {
  it('builds camera.changed with an event id, the camera, the change and the time', () => {
    const { events } = cameraEventsForTests();
    const first = events.changed(4, 'updated');
    expect(first).toEqual({
      subject: 'camera.changed',
      key: '4',
      payload: {
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        cameraId: 4,
        change: 'updated',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      },
    });
    const second = events.changed(4, 'updated').payload as CameraChangedEvent;
    expect(second.eventId).not.toBe((first.payload as CameraChangedEvent).eventId);
  });

  it('builds camera.status.changed with the payload as given, plus an event id', () => {
    const { events } = cameraEventsForTests();
    const event = {
      version: 1 as const,
      cameraId: 2,
      path: 'cam_2',
      status: 'offline' as const,
      previous: 'online' as const,
      since: '2026-01-01T00:00:00.000Z',
      reason: 'stalled',
    };
    expect(events.statusChanged(event)).toEqual({
      subject: 'camera.status.changed',
      key: '2',
      payload: { eventId: expect.any(String), ...event },
    });
  });

  it('stores the event with the write, then tells in-process subscribers and wakes the relay', async () => {
    const { events, stored, relay } = cameraEventsForTests();
    const seen: number[] = [];
    events.changes$.subscribe((event) => seen.push(event.cameraId));
    const result = await events.record(
      async () => 8,
      (id) => events.changed(id, 'created'),
    );
    expect(result).toBe(8);
    expect(stored.map((message) => message.key)).toEqual(['8']);
    expect(seen).toEqual([8]);
    expect(relay.wakes).toBe(1);
  });

  it('stores and announces nothing when the write changed nothing or failed', async () => {
    const { events, stored, relay } = cameraEventsForTests();
    const seen: unknown[] = [];
    events.changes$.subscribe((event) => seen.push(event));
    await events.record(
      async () => null,
      (id) => id && events.changed(id, 'updated'),
    );
    await expect(
      events.record(
        () => Promise.reject(new Error('duplicate')),
        () => events.changed(1, 'updated'),
      ),
    ).rejects.toThrow('duplicate');
    expect(stored).toEqual([]);
    expect(seen).toEqual([]);
    expect(relay.wakes).toBe(0);
  });

  it('keeps status changes out of the in-process camera changes', async () => {
    const { events, relay } = cameraEventsForTests();
    const seen: unknown[] = [];
    events.changes$.subscribe((event) => seen.push(event));
    await events.record(
      async () => true,
      () =>
        events.statusChanged({
          version: 1,
          cameraId: 1,
          path: 'cam_1',
          status: 'online',
          previous: 'connecting',
          since: '2026-01-01T00:00:00.000Z',
        }),
    );
    expect(seen).toEqual([]);
    expect(relay.wakes).toBe(1);
  });
});
