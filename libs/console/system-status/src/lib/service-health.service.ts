import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ServiceNames, type HealthResponse, type ServiceName } from '@gt-vision/shared-types';
import { catchError, forkJoin, map, Observable, of } from 'rxjs';

export interface DependencyHealth {
  name: string;
  up: boolean;
  message?: string;
}

export interface ServiceHealth {
  service: ServiceName;
  state: 'ready' | 'not-ready' | 'unreachable';
  dependencies: DependencyHealth[];
}

/** Reads each service's readiness through the edge (`/health/<service>/ready`). */
@Injectable({ providedIn: 'root' })
export class ServiceHealthService {
  private readonly http = inject(HttpClient);

  readAll(): Observable<ServiceHealth[]> {
    return forkJoin(Object.values(ServiceNames).map((service) => this.read(service)));
  }

  private read(service: ServiceName): Observable<ServiceHealth> {
    return this.http.get<HealthResponse>(`/health/${service}/ready`).pipe(
      map((body) => toServiceHealth(service, body)),
      catchError((error: HttpErrorResponse) =>
        of(
          error.status === 503 && isHealthBody(error.error)
            ? toServiceHealth(service, error.error)
            : { service, state: 'unreachable' as const, dependencies: [] },
        ),
      ),
    );
  }
}

function isHealthBody(body: unknown): body is HealthResponse {
  return typeof body === 'object' && body !== null && 'status' in body;
}

export function toServiceHealth(service: ServiceName, body: HealthResponse): ServiceHealth {
  const dependencies = Object.entries(body.details ?? {}).map(([name, check]) => ({
    name,
    up: check?.status === 'up',
    message: typeof check?.['message'] === 'string' ? check['message'] : undefined,
  }));
  return { service, state: body.status === 'ok' ? 'ready' : 'not-ready', dependencies };
}
