import { describe, expect, it } from 'vitest';
import { describeUserAgent, deviceKeyOf, networkOf } from './device';

describe('device fingerprint', () => {
  it('reads browser family and OS from common User-Agents, without versions', () => {
    const cases: [string, string, string][] = [
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
        'Edge',
        'Windows',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36',
        'Chrome',
        'Android',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        'Safari',
        'iOS',
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0', 'Firefox', 'Linux'],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Picineiros/1.0.0 Chrome/138.0.0.0 Electron/37.2.0 Safari/537.36',
        'Aplicativo desktop',
        'macOS',
      ],
      ['node', 'Aplicativo desktop', 'sistema desconhecido'],
      ['', 'Navegador desconhecido', 'sistema desconhecido'],
    ];
    for (const [agent, browser, os] of cases)
      expect(describeUserAgent(agent), agent).toEqual({ browser, os });
  });

  it('keeps the network part of an address: /24 for IPv4 (also IPv4-mapped), /48 for IPv6', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:0db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('::1')).toBe('0:0:0::/48');
    expect(networkOf('not an address')).toBeNull();
    expect(networkOf(null)).toBeNull();
  });

  it('gives one key per client, browser, OS and network', () => {
    const chrome141 =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
    const chrome142 = chrome141.replace('141.0.0.0', '142.0.1.2');
    const key = deviceKeyOf('web', chrome141, '203.0.113.5');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(deviceKeyOf('web', chrome142, '203.0.113.200')).toBe(key);
    expect(deviceKeyOf('desktop', chrome141, '203.0.113.5')).not.toBe(key);
    expect(deviceKeyOf('web', chrome141, '198.51.100.5')).not.toBe(key);
    expect(
      deviceKeyOf(
        'web',
        chrome141.replace('Windows NT 10.0; Win64; x64', 'X11; Linux x86_64'),
        '203.0.113.5',
      ),
    ).not.toBe(key);
  });
});
