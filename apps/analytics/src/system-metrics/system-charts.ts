import type { SystemChartUnit } from '@gt-vision/shared-types';

export interface SystemChartQuery {
  id: string;
  unit: SystemChartUnit;
  expr: string;
  /** The label whose value names each series; absent for single-series charts. */
  legend?: string;
}

/** Filesystems on a disk (the disk alerts and the Grafana host dashboard use the same filter). */
const REAL_FS = 'fstype!~"tmpfs|ramfs|devtmpfs|squashfs|nsfs|overlay|fuse.*"';

/**
 * The key charts of the system page, the only queries the endpoint runs: a browser never sends
 * PromQL. Rates over 2 minutes: at least 8 scrapes, smooth enough for a 1 h window.
 */
export const SYSTEM_CHARTS: readonly SystemChartQuery[] = [
  { id: 'cpu', unit: 'ratio', expr: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[2m]))' },
  {
    id: 'memory',
    unit: 'ratio',
    expr: '1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes)',
  },
  {
    // The fullest real filesystem, as the disk alerts and the host dashboard count them: the one that
    // fills first matters, and where the root is an overlay (a container) it has no series at all.
    id: 'disk',
    unit: 'ratio',
    expr: `max(1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}})`,
  },
  {
    id: 'edgeRequests',
    unit: 'perSecond',
    expr: 'sum by (proxy) (rate(haproxy_backend_http_requests_total{proxy!="be_api_not_found"}[2m])) > 0',
    legend: 'proxy',
  },
  {
    id: 'edgeErrors',
    unit: 'perSecond',
    expr: 'sum(rate(haproxy_backend_http_responses_total{code="5xx"}[2m]))',
  },
  {
    id: 'detectionsStored',
    unit: 'perSecond',
    expr: 'sum(rate(gtv_detections_stored_total[2m]))',
  },
  { id: 'consumerLag', unit: 'count', expr: 'sum(gtv_detections_consumer_lag)' },
  {
    id: 'cameraPaths',
    unit: 'count',
    expr: 'count by (state) (paths{job="mediamtx"})',
    legend: 'state',
  },
];
