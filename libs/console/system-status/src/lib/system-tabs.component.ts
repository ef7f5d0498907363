import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@gt-vision/console/i18n';

/** The admins' tabs of the system page: services and charts, and traces. */
@Component({
  selector: 'gtv-system-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav [attr.aria-label]="'system.tabs' | t">
      <a
        routerLink="/status"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        [routerLinkActiveOptions]="{ exact: true }"
        >{{ 'system.tabStatus' | t }}</a
      >
      <a routerLink="/status/traces" routerLinkActive="active" ariaCurrentWhenActive="page">{{
        'system.tabTraces' | t
      }}</a>
    </nav>
  `,
  styles: `
    nav {
      display: flex;
      gap: 1rem;
      border-bottom: 1px solid #2d3846;
      margin-bottom: 1rem;
    }
    a {
      padding: 0.4rem 0.2rem;
      color: #9aa5b1;
      text-decoration: none;
    }
    a.active {
      color: inherit;
      border-bottom: 2px solid #58a6ff;
    }
  `,
})
export class SystemTabsComponent {}
