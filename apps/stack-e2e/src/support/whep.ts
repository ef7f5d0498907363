import { RTCPeerConnection, useH264 } from 'werift';
import { EDGE } from './stack';

/** How long a session may go without video RTP before it counts as ended (the demo feeds send 1 s GOPs). */
const RTP_GAP_MS = 3_000;

/**
 * One WebRTC viewer through the edge, as the console's player: a WHEP offer for receive-only H.264
 * (werift, no browser), MediaMTX's answer, video RTP over UDP on loopback, held for `holdMs` after the
 * first packet, then DELETE on the session's Location. Resolves to "ok", or to what went wrong.
 */
export async function watchWhep(path: string, token: string, holdMs: number): Promise<string> {
  const pc = new RTCPeerConnection({
    codecs: { video: [useH264()], audio: [] },
    // werift leaves loopback out of its host candidates; MediaMTX's ICE listener is on 127.0.0.1.
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  });
  let location: string | undefined;
  try {
    pc.addTransceiver('video', { direction: 'recvonly' });
    let lastRtp = 0;
    pc.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe(() => {
        lastRtp = Date.now();
      }),
    );
    await pc.setLocalDescription(await pc.createOffer());
    // WHEP without trickle: one offer with every candidate.
    if (pc.iceGatheringState !== 'complete')
      await pc.iceGatheringStateChange.watch((state) => state === 'complete');
    const answer = await fetch(`${EDGE}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' },
      body: pc.localDescription?.sdp,
      signal: AbortSignal.timeout(10_000),
    });
    const body = await answer.text();
    if (answer.status !== 201) return `POST ${answer.status} ${body.slice(0, 120)}`;
    location = new URL(answer.headers.get('location') ?? '', `${EDGE}${path}`).toString();
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
    const deadline = Date.now() + 10_000;
    while (lastRtp === 0) {
      if (Date.now() > deadline) return 'no RTP within 10 s';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const until = Date.now() + holdMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (Date.now() - lastRtp > RTP_GAP_MS)
        return `RTP stopped (peer connection ${pc.connectionState})`;
    }
    const closed = await end(location, token);
    location = undefined;
    return closed === 200 ? 'ok' : `DELETE ${closed}`;
  } finally {
    if (location) await end(location, token).catch(() => undefined);
    await pc.close();
  }
}

/** DELETE on a WHEP session's Location: the status. */
async function end(location: string, token: string): Promise<number> {
  const res = await fetch(location, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}
