import type { AlertRaisedEvent, AlertResponseDto } from '@gt-vision/shared-types';
import type { AlertRow } from './alerts.repository';

export function mapAlert(row: AlertRow): AlertResponseDto {
  return {
    id: row.id,
    detectionId: row.detection_id,
    watchlistId: row.watchlist_id,
    entryId: row.entry_id,
    cameraId: row.camera_id,
    plate: row.plate,
    entryPlate: row.entry_plate,
    match: row.match,
    reason: row.reason,
    severity: row.severity,
    capturedAt: row.captured_at.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    acknowledged:
      row.acknowledged_at && row.acknowledged_by
        ? { by: row.acknowledged_by, at: row.acknowledged_at.toISOString() }
        : null,
  };
}

/** The alert's id is the event's: every delivery of one alert carries the same `eventId`. */
export function alertRaisedEvent(row: AlertRow): AlertRaisedEvent {
  return { version: 1, eventId: row.id, alert: mapAlert(row) };
}
