/** A camera source URL taken apart: the URL without credentials, and the userinfo on its own. */
export interface SplitSourceUrl {
  /** Safe to store in plain text, search and show (masked). */
  url: string;
  /** `user:password` exactly as written (percent-encoded), or null when the URL has none. */
  credentials: string | null;
}

/**
 * Takes the userinfo out of an RTSP URL. The URL is parsed (WHATWG), never split by hand, so a password
 * containing a raw `@` or `/` cannot leave part of itself in the plain column: such URLs fail to parse
 * and are refused by validation before they get here.
 */
export function splitSourceUrl(sourceUrl: string): SplitSourceUrl {
  const parsed = new URL(sourceUrl);
  const credentials =
    parsed.username || parsed.password
      ? parsed.password
        ? `${parsed.username}:${parsed.password}`
        : parsed.username
      : null;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), credentials };
}

/** Puts the credentials back for the one consumer that needs them (MediaMTX's path source). */
export function joinSourceUrl(url: string, credentials: string | null): string {
  if (!credentials) return url;
  const scheme = url.indexOf('://') + 3;
  return `${url.slice(0, scheme)}${credentials}@${url.slice(scheme)}`;
}

/** What the API shows: whether credentials exist, never what they are or how long. */
export function maskSourceUrl(url: string, hasCredentials: boolean): string {
  return hasCredentials ? joinSourceUrl(url, '***:***') : url;
}
