/** Host names a server on this machine is reached by during development; served when ALLOWED_HOSTS is not set. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]", ".localhost"];

/**
 * Whether the server answers for `host` (a Host header: name and optional port). Entries are host
 * names, `.example.org` for that domain and its subdomains, or `*` for any. A page whose DNS name
 * was rebound to this server keeps its own name in Host, so checking it stops DNS rebinding.
 */
export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = hostName(host);
  if (name === "") return false;
  return allowedHosts.some(
    (entry) => entry === "*" || entry === name || (entry.startsWith(".") && (name.endsWith(entry) || name === entry.slice(1))),
  );
}

/** The name part of a Host header, lowercased, without port or trailing dot; IPv6 keeps its brackets. */
function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  const name = trimmed.startsWith("[") ? trimmed.slice(0, trimmed.indexOf("]") + 1) : (trimmed.split(":")[0] ?? "");
  return name.replace(/\.$/, "");
}
