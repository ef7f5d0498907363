import { deployment } from './deployment';

/** The base URL of a service's own HTTP listener in the deployment under test (not through the edge). */
export function serviceUrl(service: string): string {
  return deployment.serviceUrl(service);
}

/** POSTs to an endpoint a component serves on its own loopback only; resolves with the status. */
export function postOnLoopback(component: string, url: string): Promise<number> {
  return deployment.postOnLoopback(component, url);
}

/** The address the deployment's components see the suite's requests come from. */
export function clientAddress(): string {
  return deployment.clientAddress();
}
