import { Route } from '@angular/router';
import { DetectionDetailComponent } from './detection-detail.component';
import { DetectionListComponent } from './detection-list.component';

export const detectionRoutes: Route[] = [
  { path: '', component: DetectionListComponent },
  { path: ':id', component: DetectionDetailComponent },
];
