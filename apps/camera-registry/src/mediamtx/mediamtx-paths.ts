import { Injectable } from '@nestjs/common';
import { MediaMtxClient } from '@gt-vision/backend-mediamtx';
import type { CameraPathConfig } from './path-config';

/** A path configuration as /v3/config/paths/list shows it; only the fields this service reads. */
export type PathConfigView = { name: string } & Partial<Record<keyof CameraPathConfig, unknown>>;

/** A live path as /v3/paths/list shows it. */
export interface PathStateView {
  name: string;
  ready: boolean;
  /** Media bytes received from the source since the path became ready; 0 while not ready. */
  inboundBytes: number;
}

interface Page<T> {
  pageCount: number;
  items: T[];
}

const ITEMS_PER_PAGE = 500;

/** The few MediaMTX control API calls the control plane makes; lists are read across all pages. */
@Injectable()
export class MediaMtxPaths {
  constructor(private readonly client: MediaMtxClient) {}

  listConfigs(): Promise<PathConfigView[]> {
    return this.all<PathConfigView>('/v3/config/paths/list');
  }

  listStates(): Promise<PathStateView[]> {
    return this.all<PathStateView>('/v3/paths/list');
  }

  async add(name: string, config: CameraPathConfig): Promise<void> {
    await this.client.request('POST', `/v3/config/paths/add/${encodeURIComponent(name)}`, config);
  }

  /** Patch, not replace: fields the registry does not manage keep their `pathDefaults` values. */
  async patch(name: string, config: Partial<CameraPathConfig>): Promise<void> {
    await this.client.request(
      'PATCH',
      `/v3/config/paths/patch/${encodeURIComponent(name)}`,
      config,
    );
  }

  async delete(name: string): Promise<void> {
    await this.client.request('DELETE', `/v3/config/paths/delete/${encodeURIComponent(name)}`);
  }

  private async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; ; page++) {
      const answer = await this.client.request<Page<T>>(
        'GET',
        `${path}?page=${page}&itemsPerPage=${ITEMS_PER_PAGE}`,
      );
      items.push(...answer.items);
      if (page + 1 >= answer.pageCount) return items;
    }
  }
}
