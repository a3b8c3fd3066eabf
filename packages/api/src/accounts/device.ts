import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { SessionClient } from '@picineiros/db/constants';

// What "the same device" means for the new-device sign-in notice. A sign-in's fingerprint is its client
// kind (web or desktop), the browser family and the operating system read from the User-Agent (no
// versions: a browser update is not a new device) and the IP network (/24 for IPv4, /48 for IPv6).
// Without the network, an attacker on the most common setup (Chrome on Windows) would look like the
// user's own office PC; with the full address, every DHCP renewal would send a notice. A phone moving
// between networks may still get one now and then; the notice is optional per user. Only the SHA-256 of
// the fingerprint is stored.

export type DeviceDescription = { browser: string; os: string };

const BROWSERS: [RegExp, string][] = [
  [/\bElectron\//, 'Aplicativo desktop'],
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
  [/^node\b|\bundici\b/i, 'Aplicativo desktop'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

function firstMatch(userAgent: string, table: [RegExp, string][]): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** Browser family and operating system of a User-Agent, in pt-BR words for the history and the e-mail. */
export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const agent = userAgent ?? '';
  return {
    browser: firstMatch(agent, BROWSERS) ?? 'Navegador desconhecido',
    os: firstMatch(agent, SYSTEMS) ?? 'sistema desconhecido',
  };
}

/** The network part of an address: 203.0.113.0/24, 2001:db8:1::/48; null for no or an unreadable address. */
export function networkOf(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return `${mapped.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(mapped)) {
    // Expand "::" so that the first three groups are the first three 16-bit groups of the address.
    const [head = '', tail] = mapped.split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    const groups =
      tail === undefined
        ? headGroups
        : [
            ...headGroups,
            ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
            ...tailGroups,
          ];
    return `${groups
      .slice(0, 3)
      .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
      .join(':')}::/48`;
  }
  return null;
}

/** The stored key of a sign-in's device: SHA-256 of client kind, browser, OS and IP network. */
export function deviceKeyOf(client: SessionClient, userAgent: string | null, ip: string | null): string {
  const { browser, os } = describeUserAgent(userAgent);
  return createHash('sha256')
    .update([client, browser, os, networkOf(ip) ?? ''].join('\n'))
    .digest('hex');
}
