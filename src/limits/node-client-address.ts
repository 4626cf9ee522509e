// Node adapter: the caller's address from the socket, or from X-Forwarded-For when the socket's
// peer is a proxy the operator trusts (TRUSTED_PROXIES).
import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ConfigError } from "../errors.ts";
import type { ClientAddress } from "./rate-limit.ts";

/** `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges, e.g. `127.0.0.1,10.0.0.0/8,::1`. */
export function parseTrustedProxies(raw: string | undefined): BlockList {
  const list = new BlockList();
  for (const [index, entry] of (raw ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .entries()) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > maxBits))) {
      throw new ConfigError(`TRUSTED_PROXIES entry ${index + 1} must be an IP address or CIDR range such as 10.0.0.0/8`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/**
 * Walks X-Forwarded-For from the right (the hop nearest to us) while the hop is a trusted proxy;
 * the first untrusted hop is the client. Entries a client wrote itself sit further left and are
 * never reached unless every proxy after them is trusted.
 */
export function resolveClientAddress(options: {
  peer: string | undefined;
  forwardedFor: string | undefined;
  trusted: BlockList;
}): string | undefined {
  const { trusted } = options;
  let client = normalize(options.peer);
  if (!client || !isTrusted(trusted, client) || !options.forwardedFor) return client;
  const hops = options.forwardedFor.split(",").map((hop) => normalize(hop.trim()));
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index];
    if (!hop || isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return client;
  }
  return client;
}

export function nodeClientAddress(trusted: BlockList): ClientAddress {
  return (context) => {
    let peer: string | undefined;
    try {
      peer = getConnInfo(context).remote.address;
    } catch {
      // In-process requests (app.request in tests) have no socket.
      peer = undefined;
    }
    return resolveClientAddress({ peer, forwardedFor: context.req.header("x-forwarded-for"), trusted });
  };
}

/** `::ffff:1.2.3.4` is how a dual-stack socket shows an IPv4 peer. */
function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}
