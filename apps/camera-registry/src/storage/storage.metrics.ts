import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const DISK_USED_RATIO_METRIC = 'gtv_recordings_disk_used_ratio';
export const DISK_PRESSURE_METRIC = 'gtv_recordings_disk_pressure';
export const EVICTED_SEGMENTS_METRIC = 'gtv_recordings_evicted_segments_total';
export const EVICTED_BYTES_METRIC = 'gtv_recordings_evicted_bytes_total';

/**
 * No gtv_recordings_bytes: the size of the recordings is a walk and a stat of every segment (over a
 * million files for a year of 250 cameras), and MediaMTX deletes by age without telling us, so a
 * running total cannot be kept either. The disk ratio is what the guard acts on; node_exporter has
 * the filesystem's bytes.
 */
export const storageMetrics = [
  makeGaugeProvider({
    name: DISK_USED_RATIO_METRIC,
    help: 'Used share (0-1) of the filesystem holding the recordings, as the storage guard last measured it.',
  }),
  makeGaugeProvider({
    name: DISK_PRESSURE_METRIC,
    help: '1 while the recordings filesystem is at or above the high watermark after the guard ran, else 0.',
  }),
  makeCounterProvider({
    name: EVICTED_SEGMENTS_METRIC,
    help: 'Recording segments the storage guard deleted before their retention ran out, to free disk space.',
  }),
  makeCounterProvider({
    name: EVICTED_BYTES_METRIC,
    help: 'Bytes of recording segments the storage guard deleted before their retention ran out.',
  }),
];
