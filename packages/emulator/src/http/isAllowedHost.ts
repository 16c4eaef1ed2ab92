import { isIP } from 'node:net';

/** Which names the API and the control API answer requests for (the `Host` header), besides IPs and localhost. */
export interface HostTrust {
  /** `allowedHosts: true`: every host, as before the check. */
  any: boolean;
  /** Exact names, lowercase ASCII: `allowedHosts` entries, the names of `host` and `publicUrl`. */
  names: ReadonlySet<string>;
  /** Names allowed with all their subdomains (`.example.test` entries), without the leading dot. */
  domains: readonly string[];
}

/**
 * Whether a request whose `Host` header is `host` may reach the API and the control API. A page whose name
 * an attacker rebound to this machine (DNS rebinding) is same-origin with the emulator, so no `Origin` check
 * stops it, but its `Host` still names the attacker's domain. Allowed, at any port: IP literals (rebinding
 * needs a name), `localhost` and `*.localhost` (browsers resolve them to loopback themselves), and the names
 * of `trust`.
 */
export function isAllowedHost(host: string, trust: HostTrust): boolean {
  if (trust.any) return true;
  const name = hostName(host);
  if (name === undefined) return false;
  return (
    isIpLiteral(name) ||
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    trust.names.has(name) ||
    trust.domains.some((domain) => name === domain || name.endsWith(`.${domain}`))
  );
}

/**
 * The name of a `Host` header, lowercase (`App.test:4010` → `app.test`, `[::1]:4010` → `[::1]`), or undefined
 * when it is none: empty, brackets around no IPv6 address, or anything but a port after the name. A fully
 * qualified name's trailing dot goes (`localhost.` → `localhost`): the same host, sent as it was typed.
 */
export function hostName(host: string): string | undefined {
  return /^(\[[\da-f:.]+\]|[^:[\]]+?)\.?(?::\d*)?$/i.exec(host)?.[1]?.toLowerCase();
}

/** `127.0.0.1` or `[::1]`, as they appear in a URL: an IPv6 address only between brackets. */
export function isIpLiteral(name: string): boolean {
  return name.startsWith('[') && name.endsWith(']') ? isIP(name.slice(1, -1)) === 6 : isIP(name) === 4;
}
