export type LogLevel = 'info' | 'warn' | 'error';

/** Extra fields of a log line; `camera` is the one every per-camera message carries. */
export type LogFields = { camera?: number } & Record<string, unknown>;

/**
 * One JSON object per line on stdout, the shape the services' pino logs have (level, time, service,
 * message), so process-compose shows them and a log shipper parses them without a second format.
 */
export function log(level: LogLevel, message: string, fields: LogFields = {}): void {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), service: 'camera-simulator', message, ...fields })}\n`,
  );
}
