import { deployment, type ComponentOutput } from './deployment';

/**
 * Everything a component of the deployment under test has logged: its file under $GTV_STATE/logs on the
 * process stack, `podman logs` of each of its replicas under compose.
 */
export function componentLog(component: string): string {
  return deployment.log(component);
}

/** Every log the deployment keeps, of every component: for checks that something is in none of them. */
export function everyComponentLog(): ComponentOutput[] {
  return deployment.everyLog();
}
