import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The address a per-address limit counts (codes sent, comments, reports,
 * reads, ad views, sign-in failures): an IPv4 address as it is, an
 * IPv4-mapped IPv6 address (::ffff:1.2.3.4, as a dual-stack socket reports an
 * IPv4 client) as its IPv4 address, and any other IPv6 address as its /64
 * network, written one way (2001:db8:0:1::/64). A home line, a phone or a
 * cheap server is given a whole /64 and can send each request from a fresh
 * address of it, so counting single IPv6 addresses would be no limit at all.
 * Anything that is not an address is returned as it came.
 *
 * For limits only: IP属地 is looked up from the full address.
 */
export function countedAddress(ip: string): string {
  // A zone (fe80::1%eth0) names this server's interface, not the client.
  const address = ip.split('%')[0]!;
  if (isIP(address) !== 6) return ip;
  const parsed = ipaddr.IPv6.parse(address);
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address}/64`).toString()}/64`;
}
