import { Injectable } from '@nestjs/common';
import type { CameraScope } from '@gt-vision/backend-auth';
import type { CameraListQueryDto } from '@gt-vision/shared-types';

/** A camera list page as sent: its JSON and the entity tag that names this version of it. */
export interface SerializedPage {
  json: string;
  etag: string;
}

/** Distinct queries kept; a console asks a handful of them (its filters), scripts a few more. */
const MAX_PAGES = 64;

/**
 * Every parameter the answer depends on, the caller's cameras included: callers granted the same
 * cameras share pages, and nobody is ever served a page read for a wider scope.
 */
export function pageKey(query: CameraListQueryDto, scope: CameraScope): string {
  return JSON.stringify([
    scope.all ? '*' : scope.key,
    query.status ?? null,
    query.tag ?? null,
    query.enabled ?? null,
    query.lprEnabled ?? null,
    query.q ?? null,
    query.sort,
    query.order,
    query.cursor ?? null,
    query.limit,
  ]);
}

/**
 * Serialised camera list pages, each valid for the version of the cameras table it was read at.
 * Reading, mapping and serialising 250 cameras is most of what a list costs; the version check that
 * replaces it is one tiny query, so the answer is as fresh as without the cache, on any replica.
 */
@Injectable()
export class CameraPageCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly pages = new Map<string, SerializedPage & { version: string }>();

  get(key: string, version: string): SerializedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.pages.delete(key);
    if (page.version !== version) return undefined;
    this.pages.set(key, page);
    return page;
  }

  set(key: string, version: string, json: string): SerializedPage {
    const page = { version, json, etag: `"${version}"` };
    this.pages.delete(key);
    this.pages.set(key, page);
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    return page;
  }
}
