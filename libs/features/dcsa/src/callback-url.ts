import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Where a webhook may be sent. A callback URL is a partner's input that makes the platform open a connection, so
 * it must not reach inside the platform's network (server-side request forgery): the store, the gateway, a cloud
 * metadata service. It is checked on create, on update, and again at send time, when the host name is resolved,
 * every address it resolves to is checked, and the connection is pinned to a checked address.
 */
export const ALLOWED_HOSTS_SETTING = 'WEBHOOK_ALLOWED_HOSTS';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address a host name resolves to (dns.lookup with all: true, so what the operating system would use). */
export type CallbackLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface CallbackPolicy {
  /**
   * Hosts (names or addresses, lowercase, IPv6 without brackets) exempt from the address rules, for which http is
   * allowed too: test receivers and local demos on 127.0.0.1. Empty in production.
   */
  readonly allowedHosts: ReadonlySet<string>;
  /** How host names are resolved; tests pass their own to change the answer between create and send. */
  readonly lookup: CallbackLookup;
}

export const systemLookup: CallbackLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** WEBHOOK_ALLOWED_HOSTS: comma-separated hosts exempt from the address rules and allowed over http. */
export function callbackPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CallbackPolicy {
  const hosts = (env[ALLOWED_HOSTS_SETTING] ?? '')
    .split(',')
    .map((host) => bare(host.trim().toLowerCase()))
    .filter((host) => host !== '');
  return { allowedHosts: new Set(hosts), lookup: systemLookup };
}

/** The outcome of checking a callback: the URL and, unless it is exempt, the checked address to connect to. */
export type CallbackCheck =
  | { readonly ok: true; readonly url: URL; readonly pinned?: ResolvedAddress }
  | { readonly ok: false; readonly problem: string };

/** Why `url` may not be a callback (a message for a 400, starting "callbackUrl: "), or undefined when it may. */
export async function callbackUrlProblem(url: string, policy: CallbackPolicy): Promise<string | undefined> {
  const check = await checkCallbackUrl(url, policy);
  return check.ok ? undefined : check.problem;
}

/**
 * Checks a callback URL and resolves its host. Messages name the host, never the whole URL, so credentials a
 * URL carried are not echoed back (nor logged with the attempt).
 */
export async function checkCallbackUrl(text: string, policy: CallbackPolicy): Promise<CallbackCheck> {
  const refuse = (problem: string): CallbackCheck => ({ ok: false, problem: `callbackUrl: ${problem}` });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refuse('must be an absolute https URL');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('must not carry credentials (user:password@); notifications are authenticated by their signature');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('must be an https URL');
  }
  const host = bare(url.hostname);
  const written = writtenHost(text.trim());
  if (isIP(host) === 4 && written !== host) {
    return refuse(
      `host ${clip(written ?? '?')} is a numeric-encoded address (${host}); write an address in dotted decimal`,
    );
  }
  if (policy.allowedHosts.has(host)) {
    return { ok: true, url };
  }
  // The address is judged before the scheme, so that http://10.0.0.5/ is refused for what it reaches.
  const checked = await publicAddress(host, policy);
  if (typeof checked === 'string') {
    return refuse(checked);
  }
  if (url.protocol === 'http:') {
    return refuse(`must use https (http only for the hosts in ${ALLOWED_HOSTS_SETTING})`);
  }
  return { ok: true, url, pinned: checked };
}

/** The address to connect to `host` at, if it and every address it resolves to are public; else why not. */
async function publicAddress(host: string, policy: CallbackPolicy): Promise<ResolvedAddress | string> {
  const family = isIP(host);
  if (family !== 0) {
    const kind = nonPublicAddress(host);
    return kind === undefined
      ? { address: host, family: family as 4 | 6 }
      : `${host} is ${kind}; callbacks must reach the public internet`;
  }
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await policy.lookup(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `host ${host} could not be resolved${code === undefined ? '' : ` (${code})`}`;
  }
  if (addresses.length === 0) {
    return `host ${host} resolves to no address`;
  }
  for (const { address } of addresses) {
    const kind = nonPublicAddress(address);
    if (kind !== undefined) {
      // The kind, not the address: what the platform's DNS answers for an internal name is not the caller's to see.
      return `host ${host} resolves to ${kind.replace(/ \(.*\)$/, '')}; callbacks must reach the public internet`;
    }
  }
  return addresses[0];
}

/**
 * A callback URL fit for a log line: without the user and password a URL stored before they were refused may carry.
 */
export function redactedCallbackUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

/** An IPv6 host without its URL brackets. */
function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * The host as the URL's text wrote it (lowercase), before the URL parser turned `2130706433`, `0x7f.1`,
 * `017700000001` or `127.1` into 127.0.0.1: a filter that compares text would miss those.
 */
function writtenHost(text: string): string | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:[/\\]{2}([^/\\?#]*)/i.exec(text)?.[1];
  if (authority === undefined) {
    return undefined;
  }
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  return hostAndPort.startsWith('[') ? hostAndPort : hostAndPort.replace(/:\d*$/, '');
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

interface Range {
  readonly first: bigint;
  readonly bits: number;
  readonly kind: string;
}

function v4Range(cidr: string, kind: string): Range {
  const [address, bits] = cidr.split('/');
  return { first: ipv4Value(address)!, bits: Number(bits), kind };
}

function v6Range(cidr: string, kind: string): Range {
  const [address, bits] = cidr.split('/');
  return { first: ipv6Value(address)!, bits: Number(bits), kind };
}

/** IPv4 blocks that are not the public internet (RFC 6890 and its updates), most specific first. */
const IPV4_RANGES: readonly Range[] = [
  v4Range('255.255.255.255/32', 'the broadcast address'),
  v4Range('0.0.0.0/8', 'an unspecified address'),
  v4Range('10.0.0.0/8', 'a private address'),
  v4Range('100.64.0.0/10', 'a private (carrier-grade NAT) address'),
  v4Range('127.0.0.0/8', 'a loopback address'),
  v4Range('169.254.0.0/16', 'a link-local address'),
  v4Range('172.16.0.0/12', 'a private address'),
  v4Range('192.0.0.0/24', 'a reserved address'),
  v4Range('192.0.2.0/24', 'a documentation address'),
  v4Range('192.88.99.0/24', 'a reserved address'),
  v4Range('192.168.0.0/16', 'a private address'),
  v4Range('198.18.0.0/15', 'a reserved (benchmarking) address'),
  v4Range('198.51.100.0/24', 'a documentation address'),
  v4Range('203.0.113.0/24', 'a documentation address'),
  v4Range('224.0.0.0/4', 'a multicast address'),
  v4Range('240.0.0.0/4', 'a reserved address'),
];

/** IPv6 blocks that are not the public internet; outside 2000::/3 nothing is. */
const IPV6_RANGES: readonly Range[] = [
  v6Range('::/128', 'an unspecified address'),
  v6Range('::1/128', 'a loopback address'),
  v6Range('64:ff9b:1::/48', 'a private (local NAT64) address'),
  v6Range('100::/64', 'a reserved (discard) address'),
  v6Range('2001::/32', 'a reserved (Teredo) address'),
  v6Range('2001:db8::/32', 'a documentation address'),
  v6Range('fc00::/7', 'a unique-local address'),
  v6Range('fe80::/10', 'a link-local address'),
  v6Range('fec0::/10', 'a private (site-local) address'),
  v6Range('ff00::/8', 'a multicast address'),
];

const IPV4_COMPATIBLE = v6Range('::/96', 'IPv4-compatible');
/** IPv6 blocks that carry an IPv4 address in their last 32 bits: the IPv4 address decides. */
const IPV6_EMBEDDING_V4: readonly Range[] = [
  v6Range('::ffff:0:0/96', 'IPv4-mapped'),
  v6Range('64:ff9b::/96', 'NAT64'),
  IPV4_COMPATIBLE,
];

const GLOBAL_UNICAST = v6Range('2000::/3', '');
const SIX_TO_FOUR = v6Range('2002::/16', '6to4');

function within(value: bigint, range: Range, width: number): boolean {
  const shift = BigInt(width - range.bits);
  return value >> shift === range.first >> shift;
}

/**
 * What kind of non-public address `address` is ("a private address", "a loopback address (IPv4-mapped 127.0.0.1)",
 * ...), or undefined for a public one. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */
export function nonPublicAddress(address: string): string | undefined {
  const host = bare(address).replace(/%.*$/, ''); // a zone (fe80::1%eth0) only ever follows a link-local address
  const v4 = ipv4Value(host);
  if (v4 !== undefined) {
    return IPV4_RANGES.find((range) => within(v4, range, 32))?.kind;
  }
  const v6 = ipv6Value(host);
  if (v6 === undefined) {
    return 'not an IP address';
  }
  for (const range of IPV6_EMBEDDING_V4) {
    if (within(v6, range, 128) && v6 !== 0n && v6 !== 1n) {
      // The deprecated IPv4-compatible form is refused whatever it carries: nothing public uses it.
      const kind = embedded(range.kind, v6 & 0xffffffffn);
      return kind ?? (range === IPV4_COMPATIBLE ? 'a reserved (IPv4-compatible) address' : undefined);
    }
  }
  if (within(v6, SIX_TO_FOUR, 128)) {
    return embedded(SIX_TO_FOUR.kind, (v6 >> 80n) & 0xffffffffn);
  }
  const kind = IPV6_RANGES.find((range) => within(v6, range, 128))?.kind;
  return kind ?? (within(v6, GLOBAL_UNICAST, 128) ? undefined : 'a reserved address');
}

function embedded(form: string, v4: bigint): string | undefined {
  const dotted = [24n, 16n, 8n, 0n].map((shift) => (v4 >> shift) & 0xffn).join('.');
  const kind = IPV4_RANGES.find((range) => within(v4, range, 32))?.kind;
  return kind === undefined ? undefined : `${kind} (${form} ${dotted})`;
}

/** A dotted-decimal IPv4 address as a number; undefined for anything else. */
function ipv4Value(text: string): bigint | undefined {
  if (isIP(text) !== 4) {
    return undefined;
  }
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** An IPv6 address (with `::` and an optional dotted IPv4 tail) as a 128-bit number; undefined for anything else. */
function ipv6Value(text: string): bigint | undefined {
  if (isIP(text) !== 6) {
    return undefined;
  }
  let groups = text;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail !== undefined) {
    const v4 = ipv4Value(tail)!;
    groups = `${text.slice(0, -tail.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = groups.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}
