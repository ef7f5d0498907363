import { Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { NEVER, of, throwError } from 'rxjs';
import { CameraEvents } from './camera-events';

describe('CameraEvents', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('publishes camera.changed with the camera, the change and the time', () => {
    const emit = jest.fn().mockReturnValue(of(undefined));
    new CameraEvents({ emit } as unknown as ClientProxy).changed(4, 'updated');
    expect(emit).toHaveBeenCalledWith('camera.changed', {
      cameraId: 4,
      change: 'updated',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
  });

  it('logs, and never throws, when NATS refuses the message', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    const emit = jest.fn().mockReturnValue(throwError(() => new Error('CONNECTION_CLOSED')));
    expect(() =>
      new CameraEvents({ emit } as unknown as ClientProxy).changed(4, 'deleted'),
    ).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('CONNECTION_CLOSED'));
  });

  it('logs a publish that NATS does not take within 5 s (e.g. NATS down at start-up)', () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    const emit = jest.fn().mockReturnValue(NEVER);
    new CameraEvents({ emit } as unknown as ClientProxy).changed(5, 'created');
    expect(warn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(5000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('camera 5'));
  });

  it('hands each change to in-process subscribers (the MediaMTX reconciler)', () => {
    const emit = jest.fn().mockReturnValue(of(undefined));
    const events = new CameraEvents({ emit } as unknown as ClientProxy);
    const seen: number[] = [];
    events.changes$.subscribe((event) => seen.push(event.cameraId));
    events.changed(8, 'created');
    expect(seen).toEqual([8]);
  });

  it('publishes camera.status.changed with the payload as given', () => {
    const emit = jest.fn().mockReturnValue(of(undefined));
    const event = {
      version: 1 as const,
      cameraId: 2,
      path: 'cam_2',
      status: 'offline' as const,
      previous: 'online' as const,
      since: '2026-01-01T00:00:00.000Z',
      reason: 'source not ready',
    };
    new CameraEvents({ emit } as unknown as ClientProxy).statusChanged(event);
    expect(emit).toHaveBeenCalledWith('camera.status.changed', event);
  });
});
