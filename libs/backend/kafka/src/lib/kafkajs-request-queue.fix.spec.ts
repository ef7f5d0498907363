import { applyKafkajsRequestQueueFix, nextPendingCheckDelay } from './kafkajs-request-queue.fix';

describe('kafkajs RequestQueue fix', () => {
  it('schedules nothing when nothing is pending, whatever the throttle state', () => {
    expect(nextPendingCheckDelay({ pending: [], throttledUntil: -1 }, Date.now())).toBeNull();
    expect(nextPendingCheckDelay({ pending: [], throttledUntil: 2000 }, 1000)).toBeNull();
  });

  it('waits for the end of a throttle, else polls every 10 ms, never a negative delay', () => {
    expect(nextPendingCheckDelay({ pending: [{}], throttledUntil: 1500 }, 1000)).toBe(500);
    expect(nextPendingCheckDelay({ pending: [{}], throttledUntil: -1 }, Date.now())).toBe(10);
  });

  it('replaces the method kafkajs 2.2.4 ships, so an idle queue arms no timer', () => {
    applyKafkajsRequestQueueFix();
    const RequestQueue = require('kafkajs/src/network/requestQueue') as {
      prototype: { scheduleCheckPendingRequests(this: object): void };
    };
    const queue = { pending: [], throttledUntil: -1, throttleCheckTimeoutId: null };
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    RequestQueue.prototype.scheduleCheckPendingRequests.call(queue);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
  });
});
