import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { ApiClient, LiveService, SessionStore } from '@gt-vision/console/data';
import { cameraStatusKey, TranslatePipe } from '@gt-vision/console/i18n';
import type { CameraResponseDto, CameraStatus, CameraSubStream } from '@gt-vision/shared-types';
import { firstValueFrom, Subscription } from 'rxjs';
import { DetectionOverlay } from './detection-overlay';
import { LivePlayer, type PlayerStatus } from './live-player';

/** The stream a tile plays: the camera's main stream, or its sub-stream in a small tile. */
export function tileStream(
  camera: CameraResponseDto,
  small: boolean,
): CameraSubStream & { sub: boolean } {
  if (small && camera.subStream) return { ...camera.subStream, sub: true };
  return { path: camera.path, hls: camera.liveUrls.hls, whep: camera.liveUrls.whep, sub: false };
}

/** Tells the tiles' hints apart: each tile's frame is described by its own. */
let nextTileId = 0;

/**
 * One camera on the wall. Its player exists only while the tile is on screen (IntersectionObserver),
 * plays WebRTC or LL-HLS (see LivePlayer), and draws live detections on a canvas over the picture.
 * A small tile (a wall of 4 or more) plays the camera's sub-stream when it has one: a fraction of the
 * pixels to fetch and decode for a picture shown small anyway.
 */
@Component({
  selector: 'gtv-camera-tile',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './camera-tile.component.html',
  styleUrl: './camera-tile.component.css',
  host: {
    '[attr.data-state]': 'player().state',
    '[attr.data-transport]': 'player().transport',
    '[attr.data-camera]': 'camera()?.id',
    '[attr.data-stream]': 'stream()',
  },
})
export class CameraTileComponent {
  private readonly api = inject(ApiClient);
  private readonly live = inject(LiveService);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly camera = input<CameraResponseDto | null>(null);
  readonly status = input<CameraStatus | null>(null);
  /** Shown small, among others on the wall. */
  readonly small = input(false);
  readonly open = output<void>();
  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('overlay');
  private readonly visible = signal(false);
  protected readonly hintId = `gtv-tile-hint-${nextTileId++}`;
  /** Which of the camera's streams plays, for people and tests; null while nothing plays. */
  protected readonly stream = signal<'main' | 'sub' | null>(null);
  protected readonly statusKey = cameraStatusKey;
  protected readonly player = signal<PlayerStatus>({
    state: 'connecting',
    transport: null,
    fallbackReason: null,
  });
  protected readonly notice = computed(() => {
    const status = this.status();
    if (status === 'disabled') return 'player.disabled' as const;
    if (status === 'offline') return 'player.offline' as const;
    const state = this.player().state;
    return state === 'playing' ? null : (`player.${state}` as const);
  });
  private running: {
    player: LivePlayer;
    overlay: DetectionOverlay;
    detections: Subscription;
  } | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const observer = new IntersectionObserver(([entry]) =>
        this.visible.set(!!entry?.isIntersecting),
      );
      observer.observe(this.host.nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    effect(() => {
      const camera = this.camera();
      const visible = this.visible();
      const small = this.small();
      untracked(() => this.restart(visible && camera?.enabled ? camera : null, small));
    });
    effect(() => {
      if (this.status() === 'online') untracked(() => this.running?.player.retryNow());
    });
    destroyRef.onDestroy(() => this.stopPlayer());
  }

  private restart(camera: CameraResponseDto | null, small: boolean): void {
    this.stopPlayer();
    if (!camera) return;
    const video = this.video().nativeElement;
    const stream = tileStream(camera, small);
    this.stream.set(stream.sub ? 'sub' : 'main');
    const player = new LivePlayer({
      video,
      hlsUrl: stream.hls,
      whep: {
        offer: (sdp) => firstValueFrom(this.api.whepOffer(stream.path, sdp)),
        close: (location) => this.api.whepClose(location).subscribe({ error: () => undefined }),
      },
      token: () => this.session.accessToken(),
      onStatus: (status) => this.player.set(status),
    });
    const overlay = new DetectionOverlay(this.canvas().nativeElement, video, () =>
      player.latencyMs(),
    );
    const detections = this.live.detections(camera.id).subscribe((d) => overlay.push(d));
    this.player.set({ state: 'connecting', transport: null, fallbackReason: null });
    player.start();
    overlay.start();
    this.running = { player, overlay, detections };
  }

  private stopPlayer(): void {
    this.stream.set(null);
    if (!this.running) return;
    this.running.detections.unsubscribe();
    this.running.overlay.stop();
    this.running.player.stop();
    this.running = null;
  }
}
