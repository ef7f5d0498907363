import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AlertResponseDto,
  ApiKeyResponseDto,
  CameraGrantResponseDto,
  CameraGroupResponseDto,
  CameraResponseDto,
  CreateApiKeyDto,
  CreateCameraGrantDto,
  CreateCameraGroupDto,
  CreateCameraDto,
  CreatedApiKeyResponseDto,
  CreateUserDto,
  DashboardResponseDto,
  RecordingSpanDto,
  UpdateUserDto,
  UserResponseDto,
  CreateWatchlistDto,
  CreateWatchlistEntryDto,
  DetectionResponseDto,
  Page,
  SystemAlertListResponseDto,
  SystemMetricRange,
  SystemMetricsResponseDto,
  TraceDetailDto,
  TraceLookback,
  TraceSearchResponseDto,
  UpdateCameraDto,
  UpdateCameraGroupDto,
  WatchlistEntryResponseDto,
  WatchlistResponseDto,
} from '@gt-vision/shared-types';
import { EMPTY, expand, map, Observable, reduce } from 'rxjs';

/** Filters of `GET /api/analytics/traces`; empty fields are left out. */
export interface TraceFilters {
  service?: string;
  requestId?: string;
  minDurationMs?: number | null;
  lookback?: TraceLookback;
  limit?: number;
}

/** Filters of `GET /api/detections`, as the console holds them (all strings, as in the URL). */
export interface DetectionFilters {
  plate?: string;
  match?: string;
  cameraId?: string;
  from?: string;
  to?: string;
  minConfidence?: string;
}

export interface CameraListParams {
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface AlertListParams {
  acknowledged?: boolean;
  cursor?: string;
  limit?: number;
}

function params(values: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '')
      result = result.set(key, String(value));
  }
  return result;
}

/**
 * The public API, typed with `shared-types`. Only type imports from the contract: its DTO classes
 * carry validation decorators the browser does not need.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  listCameras(query: CameraListParams = {}): Observable<Page<CameraResponseDto>> {
    return this.http.get<Page<CameraResponseDto>>('/api/cameras', { params: params(query) });
  }

  /** Every camera, page after page (the API answers at most 500 at a time): for pickers. */
  listAllCameras(): Observable<CameraResponseDto[]> {
    const page = (cursor?: string) => this.listCameras({ cursor, limit: 500 });
    return page().pipe(
      expand((current) => (current.nextCursor ? page(current.nextCursor) : EMPTY)),
      reduce((all, current) => [...all, ...current.items], [] as CameraResponseDto[]),
    );
  }

  getCamera(id: number): Observable<CameraResponseDto> {
    return this.http.get<CameraResponseDto>(`/api/cameras/${id}`);
  }

  createCamera(body: CreateCameraDto): Observable<CameraResponseDto> {
    return this.http.post<CameraResponseDto>('/api/cameras', body);
  }

  updateCamera(id: number, body: UpdateCameraDto): Observable<CameraResponseDto> {
    return this.http.patch<CameraResponseDto>(`/api/cameras/${id}`, body);
  }

  deleteCamera(id: number): Observable<void> {
    return this.http.delete<void>(`/api/cameras/${id}`);
  }

  /** Sends the SDP offer of a WHEP session through the edge; the answer and its session URL. */
  whepOffer(path: string, sdp: string): Observable<{ sdp: string; location: string | null }> {
    return this.http
      .post(`/webrtc/${path}/whep`, sdp, {
        headers: { 'Content-Type': 'application/sdp' },
        responseType: 'text',
        observe: 'response',
      })
      .pipe(
        map((response) => ({
          sdp: response.body ?? '',
          location: response.headers.get('Location'),
        })),
      );
  }

  whepClose(location: string): Observable<unknown> {
    return this.http.delete(location, { responseType: 'text' });
  }

  searchDetections(
    filters: DetectionFilters,
    cursor: string | null,
    limit = 100,
  ): Observable<Page<DetectionResponseDto>> {
    return this.http.get<Page<DetectionResponseDto>>('/api/detections', {
      params: params({ ...filters, cursor: cursor ?? undefined, limit }),
    });
  }

  getDetection(id: string): Observable<DetectionResponseDto> {
    return this.http.get<DetectionResponseDto>(`/api/detections/${id}`);
  }

  /** An <img> cannot send the token, so the snapshot is fetched as a blob through the interceptor. */
  getBlob(url: string): Observable<Blob> {
    return this.http.get(url, { responseType: 'blob' });
  }

  listAlerts(query: AlertListParams = {}): Observable<Page<AlertResponseDto>> {
    return this.http.get<Page<AlertResponseDto>>('/api/alerts', { params: params(query) });
  }

  /** Admins only: what Prometheus' rules fire, as Alertmanager last reported it. */
  listSystemAlerts(): Observable<SystemAlertListResponseDto> {
    return this.http.get<SystemAlertListResponseDto>('/api/analytics/system-alerts');
  }

  /** Admins only: the system page's key charts (fixed Prometheus queries, server side). */
  systemMetrics(range: SystemMetricRange): Observable<SystemMetricsResponseDto> {
    return this.http.get<SystemMetricsResponseDto>('/api/analytics/system-metrics', {
      params: { range },
    });
  }

  /** Admins only: recent traces from the trace store (Jaeger), searched server side. */
  searchTraces(filters: TraceFilters): Observable<TraceSearchResponseDto> {
    return this.http.get<TraceSearchResponseDto>('/api/analytics/traces', {
      params: params(filters),
    });
  }

  /** Admins only: one trace's spans, as a waterfall. */
  trace(traceId: string): Observable<TraceDetailDto> {
    return this.http.get<TraceDetailDto>(`/api/analytics/traces/${encodeURIComponent(traceId)}`);
  }

  acknowledgeAlert(id: string): Observable<AlertResponseDto> {
    return this.http.post<AlertResponseDto>(`/api/alerts/${id}/acknowledge`, null);
  }

  /** Every watchlist (the API answers the whole list: watchlists are few). */
  listWatchlists(): Observable<WatchlistResponseDto[]> {
    return this.http.get<WatchlistResponseDto[]>('/api/watchlists');
  }

  createWatchlist(body: CreateWatchlistDto): Observable<WatchlistResponseDto> {
    return this.http.post<WatchlistResponseDto>('/api/watchlists', body);
  }

  deleteWatchlist(id: string): Observable<void> {
    return this.http.delete<void>(`/api/watchlists/${id}`);
  }

  listEntries(watchlistId: string): Observable<WatchlistEntryResponseDto[]> {
    return this.http.get<WatchlistEntryResponseDto[]>(`/api/watchlists/${watchlistId}/entries`);
  }

  addEntry(
    watchlistId: string,
    body: CreateWatchlistEntryDto,
  ): Observable<WatchlistEntryResponseDto> {
    return this.http.post<WatchlistEntryResponseDto>(
      `/api/watchlists/${watchlistId}/entries`,
      body,
    );
  }

  deleteEntry(watchlistId: string, entryId: string): Observable<void> {
    return this.http.delete<void>(`/api/watchlists/${watchlistId}/entries/${entryId}`);
  }

  /** MediaMTX's recorded spans of a path between two instants (404 when there are none). */
  listRecordings(path: string, start: string, end: string): Observable<RecordingSpanDto[]> {
    return this.http.get<RecordingSpanDto[]>('/playback/list', {
      params: params({ path, start, end }),
    });
  }

  dashboard(): Observable<DashboardResponseDto> {
    return this.http.get<DashboardResponseDto>('/api/analytics/dashboard');
  }

  listUsers(): Observable<UserResponseDto[]> {
    return this.http.get<UserResponseDto[]>('/api/users');
  }

  createUser(body: CreateUserDto): Observable<UserResponseDto> {
    return this.http.post<UserResponseDto>('/api/users', body);
  }

  updateUser(id: string, body: UpdateUserDto): Observable<UserResponseDto> {
    return this.http.patch<UserResponseDto>(`/api/users/${id}`, body);
  }

  deleteUser(id: string): Observable<void> {
    return this.http.delete<void>(`/api/users/${id}`);
  }

  listApiKeys(): Observable<ApiKeyResponseDto[]> {
    return this.http.get<ApiKeyResponseDto[]>('/api/auth/api-keys');
  }

  createApiKey(body: CreateApiKeyDto): Observable<CreatedApiKeyResponseDto> {
    return this.http.post<CreatedApiKeyResponseDto>('/api/auth/api-keys', body);
  }

  revokeApiKey(id: string): Observable<void> {
    return this.http.delete<void>(`/api/auth/api-keys/${id}`);
  }

  listCameraGroups(): Observable<CameraGroupResponseDto[]> {
    return this.http.get<CameraGroupResponseDto[]>('/api/camera-groups');
  }

  createCameraGroup(body: CreateCameraGroupDto): Observable<CameraGroupResponseDto> {
    return this.http.post<CameraGroupResponseDto>('/api/camera-groups', body);
  }

  updateCameraGroup(id: string, body: UpdateCameraGroupDto): Observable<CameraGroupResponseDto> {
    return this.http.patch<CameraGroupResponseDto>(`/api/camera-groups/${id}`, body);
  }

  /** The group's members from now on. */
  setGroupCameras(id: string, cameraIds: number[]): Observable<CameraGroupResponseDto> {
    return this.http.put<CameraGroupResponseDto>(`/api/camera-groups/${id}/cameras`, {
      cameraIds,
    });
  }

  /** Deletes the group with its grants. */
  deleteCameraGroup(id: string): Observable<void> {
    return this.http.delete<void>(`/api/camera-groups/${id}`);
  }

  /** Every grant (they are few: one per group and holder). */
  listCameraGrants(): Observable<CameraGrantResponseDto[]> {
    return this.http.get<CameraGrantResponseDto[]>('/api/camera-grants');
  }

  createCameraGrant(body: CreateCameraGrantDto): Observable<CameraGrantResponseDto> {
    return this.http.post<CameraGrantResponseDto>('/api/camera-grants', body);
  }

  revokeCameraGrant(id: string): Observable<void> {
    return this.http.delete<void>(`/api/camera-grants/${id}`);
  }
}
