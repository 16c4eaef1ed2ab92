import { type HostTrust, hostName, isAllowedHost } from './isAllowedHost.js';
import { parseAllowedHost } from './parseAllowedHosts.js';
import { jsonReply, type Reply } from './reply.js';

/**
 * The 403 of an API or control request whose `Host` header (as Node gives it, even for an absolute-form
 * target) names no allowed host, saying how to allow it; null when it may go on. It carries its rule in
 * `X-Emulator-Rule` on the control API too, whose answers are never logged. No `Host` may: only
 * HTTP/1.0 omits it (Node refuses an HTTP/1.1 request without one), and browsers always send it.
 */
export function hostRefusal(host: string | undefined, trust: HostTrust): Reply | null {
  if (host === undefined || isAllowedHost(host, trust)) return null;
  // Only an entry `allowedHosts` would take is suggested: not `[1.2.3.4]` nor `a b`.
  const name = parseAllowedHost(hostName(host));
  const fix =
    name === undefined
      ? 'it names no host'
      : `to allow it, add ${JSON.stringify(name)} to allowedHosts (--allowed-host ${name})`;
  const error = `host ${JSON.stringify(host)} is not allowed: the API and control API answer IP addresses, localhost, the names of host and publicUrl, and allowedHosts only (DNS rebinding protection); ${fix}`;
  return jsonReply(403, 'untrusted-host', { error }, { 'X-Emulator-Rule': 'untrusted-host' });
}
