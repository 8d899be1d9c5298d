import {
  callbackPolicyFromEnv,
  callbackUrlProblem,
  checkCallbackUrl,
  nonPublicAddress,
  redactedCallbackUrl,
  type CallbackPolicy,
  type ResolvedAddress,
} from './callback-url';

/** A policy whose DNS is a table: names not in it do not resolve. */
function policy(dns: Record<string, string[]> = {}, allowed = ''): CallbackPolicy {
  return {
    ...callbackPolicyFromEnv({ WEBHOOK_ALLOWED_HOSTS: allowed }),
    lookup: (hostname) => {
      const addresses = dns[hostname];
      if (addresses === undefined) {
        return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      }
      return Promise.resolve(
        addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    },
  };
}

const PUBLIC_DNS = { 'partner.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'] };

describe('callback URLs', () => {
  it('accepts https to a name whose every address is public, and to public addresses', async () => {
    const rules = policy(PUBLIC_DNS);
    expect(await callbackUrlProblem('https://partner.example/dcsa/notifications', rules)).toBeUndefined();
    expect(await callbackUrlProblem('https://partner.example:8443/hook?x=1', rules)).toBeUndefined();
    expect(await callbackUrlProblem('https://8.8.8.8/hook', rules)).toBeUndefined();
    expect(await callbackUrlProblem('https://[2606:4700:4700::1111]/hook', rules)).toBeUndefined();
    const check = await checkCallbackUrl('https://partner.example/', rules);
    expect(check).toMatchObject({ ok: true, pinned: { address: '93.184.216.34', family: 4 } });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://10.0.0.5/', '10.0.0.5 is a private address'],
    ['https://10.255.255.255/', 'a private address'],
    ['https://172.16.0.1/', 'a private address'],
    ['https://172.31.255.254/', 'a private address'],
    ['https://192.168.1.20/', '192.168.1.20 is a private address'],
    ['https://100.64.0.1/', 'a private (carrier-grade NAT) address'],
    ['https://100.127.255.254/', 'carrier-grade NAT'],
    ['https://127.0.0.1/', '127.0.0.1 is a loopback address'],
    ['https://127.255.255.254/', 'a loopback address'],
    ['https://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['https://224.0.0.251/', 'a multicast address'],
    ['https://239.255.255.250/', 'a multicast address'],
    ['https://255.255.255.255/', 'the broadcast address'],
    ['https://240.0.0.1/', 'a reserved address'],
    ['https://[::1]/', '::1 is a loopback address'],
    ['https://[::]/', ':: is an unspecified address'],
    ['https://[fe80::1]/', 'a link-local address'],
    ['https://[febf:ffff::1]/', 'a link-local address'],
    ['https://[fc00::1]/', 'a unique-local address'],
    ['https://[fd12:3456:789a::1]/', 'a unique-local address'],
    ['https://[ff02::1]/', 'a multicast address'],
    ['https://[::ffff:127.0.0.1]/', 'a loopback address (IPv4-mapped 127.0.0.1)'],
    ['https://[::ffff:169.254.169.254]/', 'a link-local address (IPv4-mapped 169.254.169.254)'],
    ['https://[::ffff:a00:5]/', 'a private address (IPv4-mapped 10.0.0.5)'],
    ['https://[0:0:0:0:0:ffff:c0a8:0101]/', 'a private address (IPv4-mapped 192.168.1.1)'],
    ['https://[64:ff9b::10.0.0.5]/', 'a private address (NAT64 10.0.0.5)'],
    ['https://[2002:7f00:1::]/', 'a loopback address (6to4 127.0.0.1)'],
    ['https://[::127.0.0.1]/', 'a loopback address (IPv4-compatible 127.0.0.1)'],
  ])('refuses %s: %s', async (url, reason) => {
    const problem = await callbackUrlProblem(url, policy());
    expect(problem).toContain(reason);
    expect(problem).toMatch(/^callbackUrl: .*callbacks must reach the public internet$/);
  });

  it.each([
    ['http://2130706433/', '2130706433'],
    ['https://2130706433/', '2130706433'],
    ['https://0x7f000001/', '0x7f000001'],
    ['https://0x7f.1/', '0x7f.1'],
    ['https://017700000001/', '017700000001'],
    ['https://0177.0.0.1/', '0177.0.0.1'],
    ['https://127.1/', '127.1'],
    ['https://127.0.1/', '127.0.1'],
    ['https://10.1/', '10.1'],
    ['https://%31%32%37.0.0.1/', '%31%32%37.0.0.1'],
    ['https://127.0.0.1./', '127.0.0.1.'],
    ['https://134744072/', '134744072'],
  ])('refuses the numeric-encoded host of %s, even a public one', async (url, host) => {
    const problem = await callbackUrlProblem(url, policy({}, '127.0.0.1,8.8.8.8'));
    expect(problem).toMatch(new RegExp(`^callbackUrl: host ${host.replace(/[.%]/g, '\\$&')} is a numeric-encoded`));
  });

  it('refuses a name that resolves to any non-public address, naming its kind but not the address', async () => {
    const rules = policy({
      localhost: ['127.0.0.1', '::1'],
      'store.internal': ['10.1.2.3'],
      'mixed.example': ['93.184.216.34', '192.168.0.10'],
      'mapped.example': ['::ffff:10.0.0.5'],
      'metadata.example': ['169.254.169.254'],
      'empty.example': [],
    });
    expect(await callbackUrlProblem('http://localhost:27017/', rules)).toBe(
      'callbackUrl: host localhost resolves to a loopback address; callbacks must reach the public internet',
    );
    expect(await callbackUrlProblem('https://store.internal/', rules)).toBe(
      'callbackUrl: host store.internal resolves to a private address; callbacks must reach the public internet',
    );
    expect(await callbackUrlProblem('https://mixed.example/', rules)).toMatch(/resolves to a private address;/);
    expect(await callbackUrlProblem('https://mapped.example/', rules)).toMatch(/resolves to a private address;/);
    expect(await callbackUrlProblem('https://metadata.example/', rules)).toMatch(/resolves to a link-local address;/);
    expect(await callbackUrlProblem('https://empty.example/', rules)).toMatch(/resolves to no address/);
    expect(await callbackUrlProblem('https://nowhere.example/', rules)).toBe(
      'callbackUrl: host nowhere.example could not be resolved (ENOTFOUND)',
    );
  });

  it('refuses credentials in the URL without echoing them', async () => {
    for (const url of [
      'https://user:s3cr3t-pw@partner.example/',
      'https://token-only@partner.example/',
      'http://admin:hunter2@127.0.0.1/',
    ]) {
      const problem = (await callbackUrlProblem(url, policy(PUBLIC_DNS, '127.0.0.1')))!;
      expect(problem).toMatch(/^callbackUrl: must not carry credentials/);
      expect(problem).not.toMatch(/s3cr3t|token-only|hunter2|admin/);
    }
  });

  it('requires https, but for the hosts WEBHOOK_ALLOWED_HOSTS names, which also skip the address rules', async () => {
    const strict = policy(PUBLIC_DNS);
    expect(await callbackUrlProblem('http://partner.example/', strict)).toMatch(
      /^callbackUrl: must use https \(http only for the hosts in WEBHOOK_ALLOWED_HOSTS\)$/,
    );
    expect(await callbackUrlProblem('http://127.0.0.1:8080/', strict)).toMatch(/127.0.0.1 is a loopback address/);
    expect(await callbackUrlProblem('ftp://partner.example/', strict)).toBe('callbackUrl: must be an https URL');
    expect(await callbackUrlProblem('not a url', strict)).toBe('callbackUrl: must be an absolute https URL');

    const local = policy(PUBLIC_DNS, ' 127.0.0.1 , [::1], Receiver.Test ');
    expect([...local.allowedHosts].sort()).toEqual(['127.0.0.1', '::1', 'receiver.test']);
    expect(await callbackUrlProblem('http://127.0.0.1:8080/', local)).toBeUndefined();
    expect(await callbackUrlProblem('http://[::1]:8080/', local)).toBeUndefined();
    expect(await callbackUrlProblem('http://receiver.test/', local)).toBeUndefined();
    const exempt = await checkCallbackUrl('http://127.0.0.1:8080/', local);
    expect(exempt.ok && exempt.pinned === undefined).toBe(true); // connected to by its own name
    // Only the hosts named: not another loopback address, nor a name that resolves to a named address.
    expect(await callbackUrlProblem('http://127.0.0.2/', local)).toMatch(/loopback/);
    expect(await callbackUrlProblem('http://localhost/', policy({ localhost: ['127.0.0.1'] }, '127.0.0.1'))).toMatch(
      /resolves to a loopback address/,
    );
    expect(callbackPolicyFromEnv({}).allowedHosts.size).toBe(0);
  });

  it('removes credentials from a URL for the logs', () => {
    expect(redactedCallbackUrl('https://alice:pw@partner.example:8443/hook?x=1')).toBe(
      'https://partner.example:8443/hook?x=1',
    );
    expect(redactedCallbackUrl('nonsense')).toBe('(not a URL)');
  });

  it('classifies addresses as DNS answers give them', () => {
    expect(nonPublicAddress('8.8.8.8')).toBeUndefined();
    expect(nonPublicAddress('172.15.255.255')).toBeUndefined();
    expect(nonPublicAddress('172.32.0.1')).toBeUndefined();
    expect(nonPublicAddress('100.63.255.255')).toBeUndefined();
    expect(nonPublicAddress('100.128.0.1')).toBeUndefined();
    expect(nonPublicAddress('2a00:1450:4001:80b::200e')).toBeUndefined();
    expect(nonPublicAddress('::ffff:8.8.8.8')).toBeUndefined();
    expect(nonPublicAddress('fe80::1%eth0')).toBe('a link-local address');
    expect(nonPublicAddress('::ffff:127.0.0.1')).toBe('a loopback address (IPv4-mapped 127.0.0.1)');
    expect(nonPublicAddress('3fff::1')).toBeUndefined();
    expect(nonPublicAddress('4000::1')).toBe('a reserved address');
    expect(nonPublicAddress('not an address')).toBe('not an IP address');
  });
});
