import { describe, expect, it } from 'vitest';
import { addressPolicy, AllowEntryError, defaultRefusal, parseAllowlist } from './address-policy.js';

describe('default address policy', () => {
  it.each([
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['fc00::1', 'a private (unique local) address'],
    ['fd12:3456::9', 'a private (unique local) address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.9.9.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['::', 'the unspecified address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped IPv6 address'],
    ['64:ff9b::a00:1', 'a NAT64 (IPv4-embedding) address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a reserved or broadcast address'],
  ])('refuses %s as %s', (address, reason) => {
    expect(defaultRefusal(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '93.184.216.34', '2606:4700:4700::1111', '169.255.0.1'])('allows the public address %s', (address) => {
    expect(defaultRefusal(address)).toBeNull();
  });

  it('names host, address and the setting that would allow it', () => {
    expect(addressPolicy([]).refusal('10.0.0.7', 'crm.internal', 443)).toBe('crm.internal (10.0.0.7) is a private address; flows may not call it unless HTTP_REQUEST_ALLOW lists it');
  });
});

describe('HTTP_REQUEST_ALLOW', () => {
  it('opens CIDR ranges, single addresses, hosts and host:port pairs, and nothing else', () => {
    const policy = addressPolicy(parseAllowlist(' 10.1.0.0/16, 127.0.0.1 ,crm.internal:8443,[::1]:9000,metrics.local'));
    expect(policy.refusal('10.1.200.3', '10.1.200.3', 80)).toBeNull();
    expect(policy.refusal('10.2.0.1', '10.2.0.1', 80)).toMatch(/private/);
    expect(policy.refusal('127.0.0.1', '127.0.0.1', 9464)).toBeNull();
    expect(policy.refusal('127.0.0.2', '127.0.0.2', 80)).toMatch(/loopback/);
    expect(policy.refusal('192.168.0.9', 'crm.internal', 8443)).toBeNull();
    expect(policy.refusal('192.168.0.9', 'crm.internal', 443)).toMatch(/crm\.internal \(192\.168\.0\.9\) is a private address/);
    expect(policy.refusal('::1', '[::1]', 9000)).toBeNull();
    expect(policy.refusal('::1', '[::1]', 9001)).toMatch(/loopback/);
    expect(policy.refusal('169.254.169.254', 'metrics.local', 80)).toBeNull();
  });

  it.each([
    ['10.0.0.0/33', /not a CIDR/],
    ['nonsense/8', /not a CIDR/],
    ['crm internal', /not a CIDR, address, host or host:port/],
    ['crm.internal:70000', /port outside/],
    ['[crm.internal]:80', /not a CIDR, address, host or host:port/],
  ])('rejects %s naming the entry', (entry, message) => {
    expect(() => parseAllowlist(`10.0.0.0/8,${entry}`)).toThrow(AllowEntryError);
    expect(() => parseAllowlist(entry)).toThrow(message);
  });
});
