import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a flow's HTTP request may reach. By default everything public; private, loopback, link-local,
 * cloud-metadata, unspecified, multicast and IPv4-in-IPv6 forms are refused (a flow author must not be able to
 * read the runtime's own `/metrics`, the switch's ESL port or the cloud's instance credentials). The allowlist
 * (`HTTP_REQUEST_ALLOW`) opens exactly what an operator names: a CIDR, an address, a host, or a host:port.
 */
export interface AddressPolicy {
  /** The reason `address` (already resolved) may not be reached for `host`:`port`, or null when it may. */
  refusal(address: string, host: string, port: number): string | null;
}

/** One `HTTP_REQUEST_ALLOW` entry, parsed. */
export type AllowEntry =
  | { readonly kind: 'cidr'; readonly network: string; readonly prefix: number; readonly family: 'ipv4' | 'ipv6' }
  | { readonly kind: 'host'; readonly host: string; readonly port: number | null };

/** An allowlist entry that cannot be understood. */
export class AllowEntryError extends Error {
  override readonly name = 'AllowEntryError';
}

/** Refused ranges, most specific first so the reason names the metadata service rather than "link-local". */
const REFUSED: ReadonlyArray<readonly [network: string, prefix: number, family: 'ipv4' | 'ipv6', reason: string]> = [
  ['169.254.169.254', 32, 'ipv4', 'a cloud metadata address'],
  ['fd00:ec2::254', 128, 'ipv6', 'a cloud metadata address'],
  ['::ffff:0:0', 96, 'ipv6', 'an IPv4-mapped IPv6 address'],
  ['64:ff9b::', 96, 'ipv6', 'a NAT64 (IPv4-embedding) address'],
  ['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (carrier-grade NAT) address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved or broadcast address'],
];

const REFUSED_LISTS = REFUSED.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, reason };
});

function familyOf(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** Why `address` is refused by default, or null for a public address. Non-addresses are refused. */
export function defaultRefusal(address: string): string | null {
  const family = familyOf(address);
  if (family === null) return 'not an IP address';
  // An IPv4-mapped IPv6 address is refused as such; BlockList would otherwise also match it against IPv4 ranges.
  for (const { list, family: listFamily, reason } of REFUSED_LISTS) {
    if (listFamily === family && list.check(address, family)) return reason;
  }
  return null;
}

/**
 * Parses `HTTP_REQUEST_ALLOW`: comma-separated `10.1.0.0/16`, `fd12::/48`, `10.1.2.3`, `::1`, `crm.internal`,
 * `crm.internal:8443`, `127.0.0.1:9000`, `[::1]:9000`. Throws {@link AllowEntryError} naming the bad entry.
 */
export function parseAllowlist(text: string): AllowEntry[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseAllowEntry);
}

function parseAllowEntry(entry: string): AllowEntry {
  const slash = entry.indexOf('/');
  if (slash !== -1) {
    const network = entry.slice(0, slash);
    const prefixText = entry.slice(slash + 1);
    const family = familyOf(network);
    const prefix = Number(prefixText);
    if (family === null || !/^\d{1,3}$/.test(prefixText) || prefix > (family === 'ipv4' ? 32 : 128)) {
      throw new AllowEntryError(`${JSON.stringify(entry)} is not a CIDR range (like 10.1.0.0/16 or fd12::/48)`);
    }
    return { kind: 'cidr', network, prefix, family };
  }
  const family = familyOf(entry);
  if (family !== null) return { kind: 'cidr', network: entry, prefix: family === 'ipv4' ? 32 : 128, family };
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(entry);
  const hostPort = bracketed ? [bracketed[1] ?? '', bracketed[2]] : (/^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry)?.slice(1) ?? null);
  if (!hostPort || hostPort[0] === '' || (bracketed && familyOf(hostPort[0] ?? '') !== 'ipv6')) {
    throw new AllowEntryError(`${JSON.stringify(entry)} is not a CIDR, address, host or host:port`);
  }
  const port = hostPort[1] === undefined ? null : Number(hostPort[1]);
  if (port !== null && (port < 1 || port > 65_535)) throw new AllowEntryError(`${JSON.stringify(entry)} has a port outside 1–65535`);
  return { kind: 'host', host: (hostPort[0] ?? '').toLowerCase(), port };
}

/** The policy: refused by default, unless the address is in an allowed range or the host (and port) is allowed. */
export function addressPolicy(allow: readonly AllowEntry[]): AddressPolicy {
  const allowedRanges = new BlockList();
  const allowedHosts = allow.filter((entry) => entry.kind === 'host');
  for (const entry of allow) if (entry.kind === 'cidr') allowedRanges.addSubnet(entry.network, entry.prefix, entry.family);
  return {
    refusal(address, host, port) {
      const reason = defaultRefusal(address);
      if (reason === null) return null;
      const family = familyOf(address);
      if (family !== null && allowedRanges.check(address, family)) return null;
      const name = host.replace(/^\[|\]$/g, '').toLowerCase();
      if (allowedHosts.some((entry) => entry.host === name && (entry.port === null || entry.port === port))) return null;
      const where = name === address ? address : `${name} (${address})`;
      return `${where} is ${reason}; flows may not call it unless HTTP_REQUEST_ALLOW lists it`;
    },
  };
}
