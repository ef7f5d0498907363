import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type {
  AlertResponseDto,
  CameraStatusChangedEvent,
  DetectionResponseDto,
  LiveClientMessage,
  LiveServerMessage,
  SystemAlertDto,
} from '@gt-vision/shared-types';
import { filter, map, Observable, Subject } from 'rxjs';
import { AuthService } from './auth.service';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

export type LiveState = 'closed' | 'connecting' | 'open';

/**
 * One `/ws/live/` connection for the whole console: authenticates with its first message (a browser
 * cannot set headers on a WebSocket), re-subscribes the cameras in use after every reconnect, and
 * reconnects by itself with growing back-off while the user is signed in.
 */
@Injectable({ providedIn: 'root' })
export class LiveService {
  private readonly auth = inject(AuthService);
  private readonly messages = new Subject<LiveServerMessage>();
  /** How many users (tiles, pages) want each camera's detections. */
  private readonly cameraUsers = new Map<number, number>();
  private socket: WebSocket | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  readonly state = signal<LiveState>('closed');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    this.state.set('closed');
  }

  detections(cameraId: number): Observable<DetectionResponseDto> {
    return new Observable<DetectionResponseDto>((subscriber) => {
      this.watch(cameraId);
      const inner = this.messages
        .pipe(
          filter((m) => m.type === 'detection' && m.detection.cameraId === cameraId),
          map((m) => (m as Extract<LiveServerMessage, { type: 'detection' }>).detection),
        )
        .subscribe(subscriber);
      return () => {
        inner.unsubscribe();
        this.unwatch(cameraId);
      };
    });
  }

  readonly cameraStatus: Observable<CameraStatusChangedEvent> = this.messages.pipe(
    filter((m) => m.type === 'camera-status'),
    map((m) => (m as Extract<LiveServerMessage, { type: 'camera-status' }>).event),
  );

  readonly alerts: Observable<AlertResponseDto> = this.messages.pipe(
    filter((m) => m.type === 'alert'),
    map((m) => (m as Extract<LiveServerMessage, { type: 'alert' }>).alert),
  );

  /** Sent to admins only. */
  readonly systemAlerts: Observable<SystemAlertDto> = this.messages.pipe(
    filter((m) => m.type === 'system-alert'),
    map((m) => (m as Extract<LiveServerMessage, { type: 'system-alert' }>).alert),
  );

  private watch(cameraId: number): void {
    const users = this.cameraUsers.get(cameraId) ?? 0;
    this.cameraUsers.set(cameraId, users + 1);
    if (users === 0) this.send({ type: 'subscribe', cameraIds: [cameraId] });
  }

  private unwatch(cameraId: number): void {
    const users = (this.cameraUsers.get(cameraId) ?? 1) - 1;
    if (users > 0) return void this.cameraUsers.set(cameraId, users);
    this.cameraUsers.delete(cameraId);
    this.send({ type: 'unsubscribe', cameraIds: [cameraId] });
  }

  private send(message: LiveClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.state() === 'open') {
      this.socket.send(JSON.stringify(message));
    }
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    this.state.set('connecting');
    let token: string | null;
    try {
      token = await this.auth.accessToken();
    } catch {
      token = null;
    }
    if (!token || !this.running) return this.scheduleRetry();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/live/`);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token }));
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleRetry();
    };
  }

  private receive(socket: WebSocket, data: unknown): void {
    if (typeof data !== 'string') return;
    let message: LiveServerMessage;
    try {
      message = JSON.parse(data) as LiveServerMessage;
    } catch {
      return;
    }
    if (message.type === 'ready') {
      this.state.set('open');
      this.retryMs = RETRY_MIN_MS;
      const cameraIds = [...this.cameraUsers.keys()];
      if (cameraIds.length > 0) socket.send(JSON.stringify({ type: 'subscribe', cameraIds }));
    }
    this.messages.next(message);
  }

  private scheduleRetry(): void {
    this.state.set(this.running ? 'connecting' : 'closed');
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
