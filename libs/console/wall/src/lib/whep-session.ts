/** What a WHEP session needs from the outside: the edge's answer to an offer, and its teardown. */
export interface WhepSignalling {
  offer(sdp: string): Promise<{ sdp: string; location: string | null }>;
  close(location: string): void;
}

/** ICE must connect within this time, or the tile falls back to LL-HLS. */
export const WHEP_CONNECT_TIMEOUT_MS = 8000;
/** Candidates are gathered before the offer is sent (MediaMTX takes no trickle from us here). */
const ICE_GATHER_TIMEOUT_MS = 2000;

export class WhepError extends Error {}

/**
 * A receive-only WebRTC session with MediaMTX over WHEP (RFC 9725). Resolves once media flows;
 * rejects with the reason otherwise, which the tile shows when it falls back.
 */
export class WhepSession {
  private readonly pc: RTCPeerConnection;
  private location: string | null = null;
  private closed = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly signalling: WhepSignalling,
    private readonly onLost: (reason: string) => void,
  ) {
    if (typeof RTCPeerConnection === 'undefined') throw new WhepError('WebRTC unsupported');
    this.pc = new RTCPeerConnection();
  }

  async start(): Promise<void> {
    const pc = this.pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (event) => {
      if (event.track.kind === 'video')
        this.video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    };
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    let answer: { sdp: string; location: string | null };
    try {
      answer = await this.signalling.offer(pc.localDescription?.sdp ?? '');
    } catch (error) {
      throw new WhepError(describeHttpError(error));
    }
    this.location = answer.location;
    if (this.closed) throw new WhepError('stopped');
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    await connected(pc);
    pc.onconnectionstatechange = () => {
      if (!this.closed && (pc.connectionState === 'failed' || pc.connectionState === 'closed'))
        this.onLost(`WebRTC ${pc.connectionState}`);
    };
  }

  stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    if (this.location) this.signalling.close(this.location);
    this.video.srcObject = null;
  }
}

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ICE_GATHER_TIMEOUT_MS);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

function connected(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WhepError('no media within ' + WHEP_CONNECT_TIMEOUT_MS / 1000 + ' s')),
      WHEP_CONNECT_TIMEOUT_MS,
    );
    const check = () => {
      if (pc.connectionState === 'connected') {
        clearTimeout(timer);
        resolve();
      } else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
        clearTimeout(timer);
        reject(new WhepError(`ICE ${pc.connectionState}`));
      }
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  });
}

/** `HTTP 404`, `network error`… from an HttpErrorResponse-like value, without importing Angular. */
export function describeHttpError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: number }).status;
    return status === 0 ? 'network error' : `HTTP ${status}`;
  }
  return error instanceof Error ? error.message : String(error);
}
