import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';

export const FRAMES_TAKEN = 'gtv_frames_taken_total';
export const FRAMES_SENT = 'gtv_frames_sent_total';
export const FRAMES_SKIPPED = 'gtv_frames_skipped_total';
export const ENGINE_LATENCY = 'gtv_lpr_engine_latency_seconds';
export const ENGINE_BREAKER_STATE = 'gtv_lpr_engine_breaker_state';
export const CAMERA_LAG = 'gtv_frame_camera_lag_seconds';
export const FRAMES_WAITING = 'gtv_frames_waiting';
export const DETECTIONS_PUBLISHED = 'gtv_frame_detections_published_total';
export const READS_MERGED = 'gtv_frame_reads_merged_total';
export const DETECTIONS_DROPPED = 'gtv_frame_detections_dropped_total';
export const CAMERAS_LEASED = 'gtv_frame_cameras_leased';
export const READER_PROCESSES = 'gtv_frame_reader_processes';
export const READER_RESTARTS = 'gtv_frame_reader_restarts_total';

/** Why a frame taken from a camera never reached the engine, or got no answer. */
export const SKIP_REASONS = ['superseded', 'breaker-open', 'engine-error', 'stale'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Closed 0, half-open 1, open 2, isolated 3 (cockatiel's CircuitState). */
export const frameMetrics = [
  makeCounterProvider({ name: FRAMES_TAKEN, help: 'Keyframes received from the readers.' }),
  makeCounterProvider({ name: FRAMES_SENT, help: 'Frames the LPR engine answered.' }),
  makeCounterProvider({
    name: FRAMES_SKIPPED,
    help: 'Frames never recognised, by reason: superseded by a newer frame of the camera, breaker open, engine error after retries, stale.',
    labelNames: ['reason'],
  }),
  makeHistogramProvider({
    name: ENGINE_LATENCY,
    help: 'LPR engine request time per attempt, by endpoint and outcome.',
    labelNames: ['endpoint', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeGaugeProvider({
    name: ENGINE_BREAKER_STATE,
    help: 'Circuit breaker per LPR engine endpoint: 0 closed, 1 half-open, 2 open, 3 isolated.',
    labelNames: ['endpoint'],
  }),
  makeGaugeProvider({
    name: CAMERA_LAG,
    help: 'Per camera: time from the last frame taken to its engine answer.',
    labelNames: ['camera'],
  }),
  makeCounterProvider({ name: DETECTIONS_PUBLISHED, help: 'Detections acknowledged by Kafka.' }),
  makeCounterProvider({
    name: READS_MERGED,
    help: 'Plate reads folded into a detection of the same passing vehicle.',
  }),
  makeCounterProvider({
    name: DETECTIONS_DROPPED,
    help: 'Detections dropped because the Kafka buffer was full.',
  }),
  makeGaugeProvider({
    name: FRAMES_WAITING,
    help: 'Frames waiting for the engine: at most one per camera read (a newer frame replaces it).',
  }),
  makeGaugeProvider({ name: CAMERAS_LEASED, help: 'Cameras this replica holds a lease on.' }),
  makeGaugeProvider({ name: READER_PROCESSES, help: 'ffmpeg reader processes running.' }),
  makeCounterProvider({
    name: READER_RESTARTS,
    help: 'Reader processes restarted after an exit or a stalled camera.',
  }),
];
