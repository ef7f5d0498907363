// One WebRTC viewer: a WHEP session with werift (a WebRTC stack in TypeScript, no browser), receive-only
// H.264 video, counting the RTP it receives. Signalling goes to `whepUrl` (through the edge or straight
// to MediaMTX); the media always flows over UDP from MediaMTX's ICE listener, on loopback here.
import http from 'node:http';
import { RTCPeerConnection, useH264 } from 'werift';

const TIMEOUT_MS = 10_000;

function request(method, url, token, body) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/sdp' } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            location: res.headers.location,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`timeout ${method} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Longest a held session may go without video RTP before it counts as dead (1 s keyframes here). */
const RTP_GAP_MS = 3000;

/**
 * Runs one WHEP session until `until()` says stop or `holdMs` has passed, as a viewer who switches
 * tiles or reconnects; resolves to "held" when the session ran its course. Samples go to `stats`:
 * setup (POST → answer, ms), firstRtp (offer → first video RTP packet, ms), rtpBytes, errors. A session
 * whose peer connection fails or whose RTP stops, or whose DELETE is refused, is an error.
 */
export async function whepViewer({ whepUrl, token, until, holdMs, stats, record }) {
  const pc = new RTCPeerConnection({
    codecs: { video: [useH264()], audio: [] },
    // werift leaves loopback out of its host candidates; MediaMTX's ICE listener is on 127.0.0.1.
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  });
  const sessionEnd = Date.now() + holdMs;
  let location;
  try {
    pc.addTransceiver('video', { direction: 'recvonly' });
    const t0 = performance.now();
    let firstRtp;
    let lastRtp = 0;
    const first = new Promise((resolve) => (firstRtp = resolve));
    pc.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((rtp) => {
        firstRtp();
        lastRtp = performance.now();
        if (record()) stats.rtpBytes += rtp.payload.length;
      }),
    );
    await pc.setLocalDescription(await pc.createOffer());
    // WHEP without trickle: one offer with every candidate.
    if (pc.iceGatheringState !== 'complete')
      await pc.iceGatheringStateChange.watch((state) => state === 'complete');
    const answer = await request('POST', whepUrl, token, pc.localDescription.sdp);
    stats.requests++;
    if (answer.status !== 201)
      throw new Error(`WHEP ${answer.status} ${answer.body.slice(0, 200)}`);
    location = answer.location && new URL(answer.location, whepUrl).toString();
    if (record()) stats.setup.push(answer.ms);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.body });
    await Promise.race([
      first,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no RTP within 10 s')), TIMEOUT_MS),
      ),
    ]);
    if (record()) stats.firstRtp.push(performance.now() - t0);
    while (!until() && Date.now() < sessionEnd) {
      await new Promise((r) => setTimeout(r, 250));
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed')
        throw new Error(`WHEP peer connection ${pc.connectionState}`);
      if (performance.now() - lastRtp > RTP_GAP_MS)
        throw new Error(`WHEP RTP stopped for ${RTP_GAP_MS} ms`);
    }
    return 'held';
  } catch (err) {
    if (!until()) {
      stats.errors++;
      stats.lastError = String(err.message ?? err);
    }
    return 'failed';
  } finally {
    if (location) {
      const closed = await request('DELETE', location, token).catch((err) => ({
        status: err.message,
      }));
      stats.requests++;
      if (closed.status !== 200) {
        stats.errors++;
        stats.lastError = `WHEP DELETE ${closed.status}`;
      }
    }
    await pc.close();
  }
}
