// The served host names from configuration, with a clear warning when an all-interfaces bind names none.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { hostAllowList, isWildcard, type HostAllowList } from './host-check.js';

/** WARDEN_PUBLIC_URL's host, WARDEN_HOST (and loopback names when it is loopback or all interfaces), WARDEN_ALLOWED_HOSTS. */
export function allowListFor(http: Config['http'], log: Logger): HostAllowList {
  const list = hostAllowList({ bindHost: http.host, publicUrl: http.publicUrl, extra: http.allowedHosts });
  if (isWildcard(http.host) && !http.publicUrl && http.allowedHosts.length === 0) {
    log.warn(
      { host: http.host, allowedHosts: list.entries },
      `WARDEN_HOST=${http.host} listens on every interface, but only requests addressed to localhost, 127.0.0.1 or [::1] are answered ` +
        '(others get 403). Set WARDEN_PUBLIC_URL or WARDEN_ALLOWED_HOSTS (comma-separated host names) to the names clients use.',
    );
  }
  return list;
}
