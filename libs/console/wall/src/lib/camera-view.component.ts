import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@gt-vision/console/i18n';
import { CameraStatusService } from './camera-status.service';
import { CameraTileComponent } from './camera-tile.component';

/** One camera full size (a double-click on a wall tile); Escape or the link goes back. */
@Component({
  selector: 'gtv-camera-view',
  imports: [CameraTileComponent, RouterLink, TranslatePipe],
  providers: [CameraStatusService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a routerLink="/wall">← {{ 'wall.back' | t }}</a>
    @if (camera(); as cam) {
      <h1>{{ cam.name }}</h1>
      <gtv-camera-tile class="full" [camera]="cam" [status]="status()" />
    }
  `,
  styles: `
    h1 {
      font-size: 1.2rem;
    }
    .full {
      max-height: calc(100vh - 10rem);
      aspect-ratio: 16 / 9;
    }
  `,
  host: { '(document:keydown.escape)': 'back()' },
})
export class CameraViewComponent {
  private readonly cameras = inject(CameraStatusService);
  private readonly router = inject(Router);
  readonly id = input.required<string>();
  protected readonly camera = computed(
    () => this.cameras.cameras()?.find((camera) => camera.id === Number(this.id())) ?? null,
  );
  protected readonly status = computed(
    () => this.cameras.statuses().get(Number(this.id())) ?? null,
  );

  protected back(): void {
    void this.router.navigate(['/wall']);
  }
}
