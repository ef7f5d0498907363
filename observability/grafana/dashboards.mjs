// Writes the Grafana dashboards of observability/grafana/dashboards/ (except the hand-made overview) from the
// compact definitions below: one place for the panel and layout boilerplate Grafana's JSON repeats.
//   node observability/grafana/dashboards.mjs        after changing a definition; commit the JSON it writes
//   node observability/grafana/dashboards.mjs <dir>  writes them to <dir> instead (the tests compare the two)
// Every query must return data on a running stack with traffic (apps/stack-e2e/src/grafana.spec.ts runs them
// all against the stack's Prometheus), so error panels show responses by status class rather than 5xx alone.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const DATASOURCE = { type: 'prometheus', uid: 'prometheus' };
const SERVICES = 'camera-registry|ingest|frame-extraction|analytics|lpr-engine';
const REAL_FS = 'fstype!~"tmpfs|ramfs|devtmpfs|squashfs|nsfs|overlay|fuse.*"';
const RATE = '$__rate_interval';

/** A panel: title, what it shows, its queries ([expr, legend]), unit and kind. */
const panel = (
  title,
  description,
  queries,
  { unit = 'short', type = 'timeseries', w = 12 } = {},
) => ({
  title,
  description,
  queries,
  unit,
  type,
  w,
});

const DASHBOARDS = [
  {
    uid: 'gt-vision-host',
    title: 'GT-Vision host',
    description: 'The node: CPU, memory, disk and network (node exporter).',
    rows: [
      [
        'CPU and memory',
        panel(
          'CPU used by mode',
          'Share of all cores per mode; alert HostCpuHigh above 80 % for 10 minutes.',
          [
            [
              `sum by (mode) (rate(node_cpu_seconds_total{mode!="idle"}[${RATE}])) / scalar(count(node_cpu_seconds_total{mode="idle"}))`,
              '{{mode}}',
            ],
          ],
          { unit: 'percentunit' },
        ),
        panel(
          'Load average',
          'Runnable tasks averaged over 1, 5 and 15 minutes, against the core count.',
          [
            ['node_load1', '1 min'],
            ['node_load5', '5 min'],
            ['node_load15', '15 min'],
            ['count(node_cpu_seconds_total{mode="idle"})', 'cores'],
          ],
        ),
        panel(
          'Memory',
          'Available memory (what can be allocated without swapping) and total.',
          [
            ['node_memory_MemAvailable_bytes', 'available'],
            ['node_memory_MemTotal_bytes', 'total'],
          ],
          { unit: 'bytes' },
        ),
        panel(
          'CPU pressure',
          'Share of time some runnable task waited for a core (PSI): the 2-core host is saturated when it climbs.',
          [[`rate(node_pressure_cpu_waiting_seconds_total[${RATE}])`, 'waiting']],
          { unit: 'percentunit' },
        ),
      ],
      [
        'Disk and network',
        panel(
          'Disk used',
          'Per mounted filesystem; alert HostDiskHigh above 85 %.',
          [
            [
              `1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}`,
              '{{mountpoint}}',
            ],
          ],
          { unit: 'percentunit' },
        ),
        panel(
          'Disk I/O',
          'Bytes read and written per second, all devices.',
          [
            [`sum(rate(node_disk_read_bytes_total[${RATE}]))`, 'read'],
            [`sum(rate(node_disk_written_bytes_total[${RATE}]))`, 'written'],
          ],
          { unit: 'Bps' },
        ),
        panel(
          'Network',
          'Bytes received and sent per second, by interface.',
          [
            [`rate(node_network_receive_bytes_total[${RATE}])`, 'in {{device}}'],
            [`rate(node_network_transmit_bytes_total[${RATE}])`, 'out {{device}}'],
          ],
          { unit: 'Bps' },
        ),
        panel(
          'Open file descriptors',
          'Allocated file handles of the whole host, against its limit.',
          [['node_filefd_allocated', 'allocated']],
        ),
      ],
    ],
  },
  {
    uid: 'gt-vision-edge',
    title: 'GT-Vision edge (HAProxy)',
    description: 'The only listener meant for users: traffic, answers and latency per backend.',
    rows: [
      [
        'Traffic',
        panel(
          'Requests/s by backend',
          'HTTP requests HAProxy passed to each backend.',
          [[`sum by (proxy) (rate(haproxy_backend_http_requests_total[${RATE}]))`, '{{proxy}}']],
          { unit: 'reqps' },
        ),
        panel(
          'Responses/s by status class',
          'Answers per backend and class (1xx to 5xx, "other" for none).',
          [
            [
              `sum by (proxy, code) (rate(haproxy_backend_http_responses_total[${RATE}])) > 0`,
              '{{proxy}} {{code}}',
            ],
          ],
          { unit: 'reqps' },
        ),
        panel('Current sessions by frontend', 'Open client connections per frontend.', [
          ['sum by (proxy) (haproxy_frontend_current_sessions)', '{{proxy}}'],
        ]),
        panel(
          'Bytes/s by frontend',
          'Traffic between clients and the edge.',
          [
            [`sum by (proxy) (rate(haproxy_frontend_bytes_in_total[${RATE}]))`, 'in {{proxy}}'],
            [`sum by (proxy) (rate(haproxy_frontend_bytes_out_total[${RATE}]))`, 'out {{proxy}}'],
          ],
          { unit: 'Bps' },
        ),
      ],
      [
        'Backends',
        panel(
          'Average response time by backend',
          "HAProxy's moving average over the last 1024 requests.",
          [['haproxy_backend_response_time_average_seconds', '{{proxy}}']],
          { unit: 's' },
        ),
        panel(
          'Servers up by backend',
          'Servers passing health checks per backend (alert EdgeBackendDown at 0).',
          [['sum by (proxy) (haproxy_server_status{state="UP"})', '{{proxy}}']],
          { type: 'stat' },
        ),
      ],
    ],
  },
  {
    uid: 'gt-vision-video',
    title: 'GT-Vision video (MediaMTX)',
    description: 'Camera paths, their readers and bytes, and the recordings disk.',
    rows: [
      [
        'Paths',
        panel(
          'Paths by state',
          'Camera paths MediaMTX knows, ready (publishing) or not.',
          [['count by (state) (paths{job="mediamtx"})', '{{state}}']],
          { type: 'stat', w: 8 },
        ),
        panel(
          'Readers by path',
          'Clients reading each path (HLS muxers, WebRTC, RTSP, recorders, frame readers).',
          [['sum by (name) (paths_readers{job="mediamtx"})', '{{name}}']],
          { w: 8 },
        ),
        panel(
          'Bits/s in and out',
          'Video received from cameras and sent to readers.',
          [
            [`8 * sum(rate(paths_inbound_bytes{job="mediamtx"}[${RATE}]))`, 'in'],
            [`8 * sum(rate(paths_outbound_bytes{job="mediamtx"}[${RATE}]))`, 'out'],
          ],
          { unit: 'bps', w: 8 },
        ),
      ],
      [
        'Sessions and recordings',
        panel(
          'Sessions by protocol',
          'Open RTSP sessions, HLS muxers and WebRTC sessions.',
          [
            ['count(rtsp_sessions{job="mediamtx"}) or vector(0)', 'RTSP'],
            ['count(hls_muxers{job="mediamtx"}) or vector(0)', 'HLS muxers'],
            ['count(webrtc_sessions{job="mediamtx"}) or vector(0)', 'WebRTC'],
          ],
          { w: 8 },
        ),
        panel(
          'Recordings disk used',
          'Share of the recordings volume in use (pressure and eviction past the limit).',
          [['max by (job) (gtv_recordings_disk_used_ratio)', 'used']],
          { unit: 'percentunit', w: 8 },
        ),
        panel(
          'Recording bytes evicted/s',
          'Oldest segments deleted to stay under the disk limit.',
          [[`sum(rate(gtv_recordings_evicted_bytes_total[${RATE}]))`, 'evicted']],
          { unit: 'Bps', w: 8 },
        ),
      ],
    ],
  },
  {
    uid: 'gt-vision-pipeline',
    title: 'GT-Vision detection pipeline',
    description:
      'Ingest → Kafka → analytics (PostgreSQL sink, watchlist alerts), and the frame → LPR path.',
    rows: [
      [
        'Ingest',
        panel(
          'Ingest requests/s by status',
          'Detections posted to ingest (single and batch), by answer.',
          [
            [
              `sum by (route, status_code) (rate(http_server_request_duration_seconds_count{job="ingest", route=~"/api/ingest/.*"}[${RATE}]))`,
              '{{route}} {{status_code}}',
            ],
          ],
          { unit: 'reqps' },
        ),
        panel(
          'Ingest latency',
          "p50 and p99 of ingest's answers (accepted = written to Kafka).",
          [
            [
              `histogram_quantile(0.5, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="ingest", route=~"/api/ingest/.*"}[${RATE}])))`,
              'p50',
            ],
            [
              `histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="ingest", route=~"/api/ingest/.*"}[${RATE}])))`,
              'p99',
            ],
          ],
          { unit: 's' },
        ),
      ],
      [
        'Kafka and the analytics sink',
        panel(
          'Kafka messages in/s by topic',
          'Messages the broker accepted.',
          [
            [
              `sum by (topic) (rate(kafka_server_brokertopicmetrics_messagesin_total{topic!~"|__.*"}[${RATE}]))`,
              '{{topic}}',
            ],
          ],
          { unit: 'short' },
        ),
        panel(
          'Consumer lag',
          'Detections in Kafka the analytics consumer has not stored yet (alert above 10000).',
          [['sum by (job) (gtv_detections_consumer_lag)', 'lag']],
        ),
        panel('Sink rate', 'Detections stored in PostgreSQL per second, and duplicates skipped.', [
          [`sum(rate(gtv_detections_stored_total[${RATE}]))`, 'stored'],
          [`sum(rate(gtv_detections_duplicates_total[${RATE}]))`, 'duplicates'],
        ]),
        panel(
          'Sink batch duration',
          "p95 of one batch's insert (detections and alerts in one transaction).",
          [
            [
              `histogram_quantile(0.95, sum by (le) (rate(gtv_detections_batch_seconds_bucket[${RATE}])))`,
              'p95',
            ],
          ],
          { unit: 's' },
        ),
      ],
      [
        'Alerts and delivery',
        panel(
          'Alerts raised',
          'Watchlist alerts raised in the last hour, by severity.',
          [['sum by (severity) (increase(gtv_alerts_raised_total[1h]))', '{{severity}}']],
          { type: 'stat' },
        ),
        panel(
          'Outbox',
          'Events waiting in the outbox for NATS, and the age of the oldest (alert past 30 s).',
          [
            ['sum by (job) (gtv_outbox_pending_messages)', 'pending {{job}}'],
            ['max by (job) (gtv_outbox_oldest_message_age_seconds)', 'oldest age (s) {{job}}'],
          ],
        ),
      ],
      [
        'Frames and LPR',
        panel('Frames/s', 'Keyframes taken from the cameras and sent to the LPR engine.', [
          [`sum(rate(gtv_frames_taken_total[${RATE}]))`, 'taken'],
          [`sum(rate(gtv_frames_sent_total[${RATE}]))`, 'sent to LPR'],
        ]),
        panel(
          'LPR recognition latency',
          "p95 of the LPR engine's recognition of one frame.",
          [
            [
              `histogram_quantile(0.95, sum by (le) (rate(gtv_lpr_recognize_duration_seconds_bucket[${RATE}])))`,
              'p95',
            ],
          ],
          { unit: 's' },
        ),
      ],
    ],
  },
  {
    uid: 'gt-vision-database',
    title: 'GT-Vision database (PgBouncer, PostgreSQL)',
    description: 'Connection pools in front of PostgreSQL, and the server behind them.',
    rows: [
      [
        'PgBouncer',
        panel(
          'Client connections',
          'Clients linked to a server connection (active) and clients waiting for one.',
          [
            [
              'sum by (database) (pgbouncer_pools_client_active_connections)',
              'active {{database}}',
            ],
            [
              'sum by (database) (pgbouncer_pools_client_waiting_connections)',
              'waiting {{database}}',
            ],
          ],
        ),
        panel('Server connections', 'Connections to PostgreSQL in use and idle, per pool.', [
          ['sum by (database) (pgbouncer_pools_server_active_connections)', 'active {{database}}'],
          ['sum by (database) (pgbouncer_pools_server_idle_connections)', 'idle {{database}}'],
        ]),
        panel('Queries/s and transactions/s', 'Through the pools.', [
          [
            `sum by (database) (rate(pgbouncer_stats_totals_queries_pooled_total[${RATE}]))`,
            'queries {{database}}',
          ],
          [
            `sum by (database) (rate(pgbouncer_stats_totals_sql_transactions_pooled_total[${RATE}]))`,
            'transactions {{database}}',
          ],
        ]),
        panel(
          'Client wait',
          'Seconds clients spent waiting for a server connection, per second: non-zero means the pool is too small.',
          [
            [
              `sum by (database) (rate(pgbouncer_stats_totals_client_wait_seconds_total[${RATE}]))`,
              '{{database}}',
            ],
          ],
          { unit: 's' },
        ),
      ],
      [
        'PostgreSQL',
        panel(
          'Backends by state',
          'Server connections by state (active, idle, idle in transaction).',
          [['sum by (state) (pg_stat_activity_count{datname="gtvision"})', '{{state}}']],
        ),
        panel('Transactions/s', 'Commits and rollbacks of the gtvision database.', [
          [`rate(pg_stat_database_xact_commit{datname="gtvision"}[${RATE}])`, 'commit'],
          [`rate(pg_stat_database_xact_rollback{datname="gtvision"}[${RATE}])`, 'rollback'],
        ]),
        panel(
          'Buffer cache hit ratio',
          'Blocks found in shared buffers rather than read.',
          [
            [
              `rate(pg_stat_database_blks_hit{datname="gtvision"}[${RATE}]) / (rate(pg_stat_database_blks_hit{datname="gtvision"}[${RATE}]) + rate(pg_stat_database_blks_read{datname="gtvision"}[${RATE}]))`,
              'hit',
            ],
          ],
          { unit: 'percentunit' },
        ),
        panel(
          'Database size',
          'On-disk size of the gtvision database.',
          [['pg_database_size_bytes{datname="gtvision"}', 'gtvision']],
          { unit: 'bytes' },
        ),
      ],
    ],
  },
  {
    uid: 'gt-vision-services',
    title: 'GT-Vision services',
    description: 'Latency, traffic, errors and resources of each NestJS service.',
    rows: [
      [
        'HTTP',
        panel(
          'Latency p95 by service',
          'Over every route the service answered.',
          [
            [
              `histogram_quantile(0.95, sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=~"${SERVICES}"}[${RATE}])))`,
              '{{job}}',
            ],
          ],
          { unit: 's' },
        ),
        panel(
          'Latency p99 by service',
          'The slow tail.',
          [
            [
              `histogram_quantile(0.99, sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=~"${SERVICES}"}[${RATE}])))`,
              '{{job}}',
            ],
          ],
          { unit: 's' },
        ),
        panel(
          'Requests/s by service',
          'Every answer, probes excluded.',
          [
            [
              `sum by (job) (rate(http_server_request_duration_seconds_count{job=~"${SERVICES}"}[${RATE}]))`,
              '{{job}}',
            ],
          ],
          { unit: 'reqps' },
        ),
        panel(
          'Errors/s by service and status',
          'Answers with a 4xx or 5xx status (5xx: the service failed; 4xx: the caller).',
          [
            [
              `sum by (job, status_code) (rate(http_server_request_duration_seconds_count{job=~"${SERVICES}", status_code=~"[45].."}[${RATE}]))`,
              '{{job}} {{status_code}}',
            ],
          ],
          { unit: 'reqps' },
        ),
      ],
      [
        'Process',
        panel(
          'Event loop lag p99',
          'A Node.js service whose loop lags answers everything late.',
          [[`nodejs_eventloop_lag_p99_seconds{job=~"${SERVICES}"}`, '{{job}}']],
          { unit: 's' },
        ),
        panel(
          'CPU by service',
          'Cores used.',
          [[`rate(process_cpu_seconds_total{job=~"${SERVICES}"}[${RATE}])`, '{{job}}']],
          { unit: 'short' },
        ),
        panel(
          'Resident memory by service',
          'RSS of each service process.',
          [[`process_resident_memory_bytes{job=~"${SERVICES}"}`, '{{job}}']],
          { unit: 'bytes' },
        ),
        panel(
          'Heap used by service',
          'V8 heap in use.',
          [[`sum by (job) (nodejs_heap_size_used_bytes{job=~"${SERVICES}"})`, '{{job}}']],
          { unit: 'bytes' },
        ),
      ],
    ],
  },
];

function grafanaPanel(p, id, gridPos) {
  const stat = p.type === 'stat';
  return {
    id,
    type: p.type,
    title: p.title,
    description: p.description,
    datasource: DATASOURCE,
    gridPos,
    targets: p.queries.map(([expr, legendFormat], i) => ({
      datasource: DATASOURCE,
      refId: String.fromCharCode(65 + i),
      expr,
      legendFormat,
      ...(stat ? { instant: true } : {}),
    })),
    fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
    options: stat
      ? {
          reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
          textMode: 'value_and_name',
        }
      : { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
  };
}

function dashboard({ uid, title, description, rows }) {
  const panels = [];
  let y = 0;
  for (const [rowTitle, ...row] of rows) {
    panels.push({
      id: panels.length + 1,
      type: 'row',
      title: rowTitle,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    });
    y += 1;
    let x = 0;
    for (const p of row) {
      if (x + p.w > 24) {
        x = 0;
        y += 8;
      }
      panels.push(grafanaPanel(p, panels.length + 1, { x, y, w: p.w, h: 8 }));
      x += p.w;
    }
    y += 8;
  }
  return {
    uid,
    title,
    description,
    tags: ['gt-vision'],
    timezone: '',
    editable: false,
    graphTooltip: 1,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    schemaVersion: 39,
    version: 1,
    templating: { list: [] },
    annotations: { list: [] },
    links: [{ title: 'GT-Vision', type: 'dashboards', tags: ['gt-vision'], asDropdown: true }],
    panels,
  };
}

const here = join(dirname(fileURLToPath(import.meta.url)), 'dashboards');
const dir = process.argv[2] ?? here;
for (const definition of DASHBOARDS) {
  const file = join(dir, `${definition.uid}.json`);
  // Written as the repository's formatter would, so regenerating changes only what a definition changed.
  const options = { ...(await resolveConfig(join(here, 'x.json'))), filepath: file };
  writeFileSync(file, await format(JSON.stringify(dashboard(definition)), options));
}
