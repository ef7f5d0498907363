/** The deployable backend services; used for log, metric and trace labels and client ids. */
export const ServiceNames = {
  cameraRegistry: 'camera-registry',
  ingest: 'ingest',
  frameExtraction: 'frame-extraction',
  analytics: 'analytics',
  lprEngine: 'lpr-engine',
} as const;
export type ServiceName = (typeof ServiceNames)[keyof typeof ServiceNames];
