import type { LiveClientMessage } from '@gt-vision/shared-types';

/** Cameras one message may name; a console subscribes to the cameras on screen, a wall to dozens. */
export const MAX_CAMERAS_PER_MESSAGE = 1000;

const isCameraIds = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length <= MAX_CAMERAS_PER_MESSAGE &&
  value.every((id) => Number.isInteger(id) && id >= 1 && id <= 2 ** 31 - 1);

/** A client frame as a `LiveClientMessage`, or a problem to answer it with. */
export function parseLiveMessage(
  raw: string,
): { message: LiveClientMessage } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { problem: 'message is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { problem: 'message must be an object' };
  const { type, token, cameraIds } = value as Record<string, unknown>;
  if (type === 'auth') {
    return typeof token === 'string' && token.length > 0 && token.length <= 4096
      ? { message: { type, token } }
      : { problem: 'token must be a non-empty string' };
  }
  if (type === 'subscribe' || type === 'unsubscribe') {
    return isCameraIds(cameraIds)
      ? { message: { type, cameraIds } }
      : {
          problem: `cameraIds must be an array of up to ${MAX_CAMERAS_PER_MESSAGE} camera ids (integers from 1)`,
        };
  }
  return { problem: 'type must be auth, subscribe or unsubscribe' };
}
