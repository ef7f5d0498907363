import type { Principal } from '@gt-vision/backend-auth';
import { LiveClient } from './live-client';

/** A user principal for tests. */
export function liveUser(id: string, role: 'admin' | 'viewer'): Principal {
  return { kind: 'user', id, username: id, role, tokenId: 't', family: 'f' };
}

/** An authenticated live client for tests, over a socket that keeps up and records what it was sent. */
export function liveClient(principal: Principal) {
  const sent: { type: string; detection?: { id: string } }[] = [];
  const live = new LiveClient(
    {
      bufferedAmount: 0,
      readyState: 1,
      send: (data) => void sent.push(JSON.parse(data)),
      close: () => undefined,
      terminate: () => undefined,
    },
    1 << 20,
    () => undefined,
  );
  live.principal = principal;
  return { live, sent };
}
