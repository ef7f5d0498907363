import { Route } from '@angular/router';
import { AlertListComponent } from './alert-list.component';
import { WatchlistsComponent } from './watchlists.component';

export const alertRoutes: Route[] = [{ path: '', component: AlertListComponent }];
export const watchlistRoutes: Route[] = [{ path: '', component: WatchlistsComponent }];
