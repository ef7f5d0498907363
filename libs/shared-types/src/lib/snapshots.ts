/**
 * The snapshot store: JPEG evidence of detections, written by frame extraction and served by analytics
 * (`GET /api/detections/:id/snapshot`). Both read its root from `SNAPSHOTS_DIR` (the stack sets
 * `$GTV_STATE/snapshots`). A detection's `snapshotRef` is a key relative to that root:
 * `<cameraId>/<yyyy-mm-dd of capture, UTC>/<detectionId>.jpg`, so retention deletes whole day
 * directories of a camera.
 */
export function snapshotKeyOf(cameraId: number, capturedAt: string, detectionId: string): string {
  return `${cameraId}/${capturedAt.slice(0, 10)}/${detectionId}.jpg`;
}

/** A day directory of the store (`yyyy-mm-dd`). */
export const SNAPSHOT_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
