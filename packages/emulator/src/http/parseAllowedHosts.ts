import { domainToASCII } from 'node:url';
import { type HostTrust, isIpLiteral } from './isAllowedHost.js';

/**
 * Labels of letters, digits, `_` (docker-compose service names) and inner `-`, after `domainToASCII`: no `*`,
 * no empty label, no trailing dot, and `-1` is a mistyped flag, not a name.
 */
const HOST_NAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/** What `allowedHosts` and `--allowed-host` accept, for their error messages. */
export const ALLOWED_HOST_FORMS =
  'a host name such as app.test, or .app.test for it and its subdomains, without scheme, port or wildcard';

/**
 * `allowedHosts` as trust, with the `implicit` names added (those of `host` and `publicUrl`), or a message
 * saying what it accepts. An entry that could never match a `Host` (a URL, a port, `*.app.test`) is refused,
 * not ignored.
 */
export function parseAllowedHosts(
  value: unknown,
  implicit: readonly string[],
): { trust: HostTrust } | { error: string } {
  if (value === true) return { trust: { any: true, names: new Set(), domains: [] } };
  if (value !== undefined && !Array.isArray(value)) {
    return {
      error: `allowedHosts must be true (every host) or an array of host names, got ${JSON.stringify(value)}`,
    };
  }
  const names = new Set(implicit.map((name) => name.toLowerCase()));
  const domains: string[] = [];
  for (const [index, entry] of (value ?? []).entries()) {
    const host = parseAllowedHost(entry);
    if (host === undefined) {
      // `corsOrigins` spells "every origin" `['*']`: say how this option spells it.
      const hint = entry === '*' ? ' (allowedHosts: true allows every host)' : '';
      return {
        error: `allowedHosts[${index}] must be ${ALLOWED_HOST_FORMS}; got ${JSON.stringify(entry)}${hint}`,
      };
    }
    if (host.startsWith('.')) domains.push(host.slice(1));
    else names.add(host);
  }
  return { trust: { any: false, names, domains } };
}

/**
 * One `allowedHosts` entry as a `Host` header names it (`.App.Test` → `.app.test`, `bücher.test` →
 * `xn--bcher-kva.test`, as browsers send it), or undefined. IP literals are taken, though always allowed.
 */
export function parseAllowedHost(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return undefined;
  if (isIpLiteral(entry.toLowerCase())) return entry.toLowerCase();
  const subdomains = entry.startsWith('.');
  const raw = subdomains ? entry.slice(1) : entry;
  // Checked before `domainToASCII`, which reads `app.test/x` as `app.test` and `%41.test` as `a.test`.
  if (/[^\w.\-\u0080-\uffff]/.test(raw)) return undefined;
  const name = domainToASCII(raw);
  if (!HOST_NAME.test(name)) return undefined;
  return subdomains ? `.${name}` : name;
}
