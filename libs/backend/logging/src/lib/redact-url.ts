/**
 * Query parameters that carry credentials: viewers pass their access token as `?token=` (the WebSocket
 * and video paths), and an integrator may put an API key in a URL.
 */
const CREDENTIAL_PARAMS =
  /([?&](?:token|access_token|jwt|api_key|apikey|key|password|refresh_token)=)[^&#]*/gi;

/** The URL as it may be logged: every credential-bearing query value replaced. */
export function redactUrl(url: string): string {
  return url.replace(CREDENTIAL_PARAMS, '$1[redacted]');
}
