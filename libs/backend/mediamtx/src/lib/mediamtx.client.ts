import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@gt-vision/backend-health';
import { MediaMtxConfig } from './mediamtx.config';

const REQUEST_TIMEOUT_MS = 3000;

export class MediaMtxApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`MediaMTX API ${path} answered ${status}: ${detail}`);
  }
}

interface PathList {
  itemCount: number;
  items: { name: string; ready: boolean }[];
}

/** Thin client of the MediaMTX v3 control API; also the readiness check for MediaMTX. */
@Injectable()
export class MediaMtxClient extends ReadinessCheck {
  readonly name = 'mediamtx';

  constructor(private readonly config: MediaMtxConfig) {
    super();
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${this.config.MEDIAMTX_API_URL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.config.INTERNAL_SERVICE_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new MediaMtxApiError(response.status, path, text.slice(0, 200));
    return (text ? JSON.parse(text) : undefined) as T;
  }

  listPaths(page = 0, itemsPerPage = 100): Promise<PathList> {
    return this.request<PathList>(
      'GET',
      `/v3/paths/list?page=${page}&itemsPerPage=${itemsPerPage}`,
    );
  }

  async probe() {
    const list = await this.listPaths(0, 1);
    return { paths: list.itemCount };
  }
}
