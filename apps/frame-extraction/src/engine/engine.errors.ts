/** The engine failed in a way worth retrying and counting against its breaker: 5xx, 429, network, timeout. */
export class EngineFaultError extends Error {
  constructor(
    readonly endpoint: string,
    message: string,
  ) {
    super(`${endpoint}: ${message}`);
    this.name = 'EngineFaultError';
  }
}

/** The engine refused this frame (4xx other than 429): retrying the same frame cannot help. */
export class EngineRejectedError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    message: string,
  ) {
    super(`${endpoint}: ${status} ${message}`);
    this.name = 'EngineRejectedError';
  }
}
