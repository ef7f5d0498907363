import { deployment, type EdgeAnswer, type EdgeCall } from './deployment';

/**
 * What an operator or a crash does to a component of the deployment under test (support/deployment.ts),
 * named as on the process stack. Unlike a crash, a component told to stop is not restarted until `start`.
 */
export function stopComponent(component: string): void {
  deployment.stop(component);
}

export function startComponent(component: string): void {
  deployment.start(component);
}

/** Starts a component the tests may have stopped; one that is already running is left as it is. */
export function ensureStarted(component: string): void {
  deployment.ensureStarted(component);
}

/**
 * Kills the component (SIGKILL: a crash, no goodbye) and waits until the deployment's own restart policy
 * has brought it back (process-compose's, or podman's `restart: always`).
 */
export function crashAndAwaitRestart(component: string, timeoutMs = 90_000): Promise<void> {
  return deployment.crashAndAwaitRestart(component, timeoutMs);
}

/** A new JWT signing key, as an operator rotates it; returns once the services verify with both keys. */
export function rotateJwtKey(): void {
  deployment.rotateJwtKey();
}

/** GETs through the edge from a client address of their own (support/deployment.ts). */
export function callsFromAnotherClient(calls: EdgeCall[]): Promise<EdgeAnswer[]> {
  return deployment.callsFromAnotherClient(calls);
}
