/**
 * Names on the wire. Subjects and topics carry a version suffix where the payload is versioned, so a
 * breaking change gets a new name and old consumers keep working during a rollout.
 */
export const NatsSubjects = {
  cameraGet: 'camera.get',
  cameraList: 'camera.list',
  cameraLprEnabled: 'camera.lpr-enabled',
  cameraChanged: 'camera.changed',
  cameraStatusChanged: 'camera.status.changed',
  alertRaised: 'alert.raised',
  systemAlertChanged: 'system-alert.changed',
  /** Prefix of `liveDetectionsSubject(cameraId)`; subscribe to `live.detections.*` for every camera. */
  liveDetections: 'live.detections',
  apiKeyVerify: 'api-key.verify',
  apiKeyRevoked: 'api-key.revoked',
  cameraAccessGet: 'camera-access.get',
  cameraAccessChanged: 'camera-access.changed',
} as const;
export type NatsSubject = (typeof NatsSubjects)[keyof typeof NatsSubjects];

/**
 * One subject per camera, so that NATS routes a camera's stored detections only to the analytics
 * replicas whose live clients follow it (payload: `LiveDetectionsEvent`).
 */
export function liveDetectionsSubject(cameraId: number): string {
  return `${NatsSubjects.liveDetections}.${cameraId}`;
}

export const KafkaTopics = {
  /** `DetectionEventV1` JSON, keyed by camera id (order per camera). */
  detections: 'gtv.detections.v1',
  /** Messages analytics could not store, unchanged, with the reason in the `gtv-dlq-reason` header. */
  detectionsDeadLetter: 'gtv.detections.dlq.v1',
} as const;
export type KafkaTopic = (typeof KafkaTopics)[keyof typeof KafkaTopics];
