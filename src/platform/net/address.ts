import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses the server may fetch from on someone else's word: public unicast only.
 * The ranges come from ipaddr.js (IANA special-purpose registries), not hand-written masks.
 */

/**
 * Why an address is not a public internet address ("loopback", "private", "linkLocal",
 * "carrierGradeNat", "uniqueLocal", "multicast", "unspecified", ...), or null when it is public.
 * IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) IPv6 forms are judged as the
 * IPv4 address they carry; IPv6 ranges that embed an IPv4 address for translation or tunnels
 * (NAT64 64:ff9b::/96, 6to4, Teredo) are refused outright, as they could lead anywhere.
 */
export function internalRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!net.isIP(bare)) return 'notAnAddress';
  let parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv6') {
    const parts = (parsed as ipaddr.IPv6).parts;
    // ::a.b.c.d (IPv4-compatible, deprecated): the first 96 bits are zero.
    if (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1)) {
      parsed = ipaddr.IPv4.parse(
        `${parts[6]! >> 8}.${parts[6]! & 255}.${parts[7]! >> 8}.${parts[7]! & 255}`,
      );
    }
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** Host names are compared in the form a URL gives them: lower case, no brackets, no final dot. */
export function normalizeHost(host: string): string {
  let value = host.trim().toLowerCase().replace(/\.$/, '');
  if (net.isIPv6(value.replace(/^\[|\]$/g, ''))) value = `[${value.replace(/^\[|\]$/g, '')}]`;
  try {
    // The URL parser spells IPv4 addresses one way (2130706433 and 0x7f.1 become 127.0.0.1).
    value = new URL(`http://${value}/`).hostname;
  } catch {
    return value;
  }
  return value.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}
