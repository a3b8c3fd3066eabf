import { crc32, deflateSync } from 'node:zlib';

// What the shell shows for the unread in-app notifications: tray tooltip and title, the OS notification's
// text, and the tray/overlay icons drawn as PNG bytes (no image files or canvas needed in main).

const plural = new Intl.PluralRules('pt-BR');

export type UnreadIndicator = {
  /** Tray tooltip (all platforms). */
  tooltip: string;
  /** Text beside the tray icon on macOS ('' hides it); the count, capped like a dock badge. */
  title: string;
  /** Windows taskbar overlay description (screen readers), or null for no overlay. */
  overlayDescription: string | null;
};

export function describeUnread(unread: number): UnreadIndicator {
  const count = Math.max(0, Math.floor(unread));
  if (count === 0)
    return { tooltip: 'Picineiros: nenhuma notificação não lida', title: '', overlayDescription: null };
  const text = unreadText(count);
  return {
    tooltip: `Picineiros: ${text}`,
    title: count > 99 ? '99+' : String(count),
    overlayDescription: text,
  };
}

/** "1 notificação não lida", "3 notificações não lidas". */
export function unreadText(count: number): string {
  return plural.select(count) === 'one'
    ? `${count} notificação não lida`
    : `${count.toLocaleString('pt-BR')} notificações não lidas`;
}

/**
 * Whether a call may have changed the unread count without any sync: read state is per member and not
 * synced, so after these main asks again and the tray agrees with the window's badge at once. (A new
 * notification arrives through sync, which main already follows.)
 */
export function changesUnread(path: string): boolean {
  return path === 'notifications.markRead' || path === 'notifications.markAllRead';
}

/** The OS notification when the count grows: how many arrived, and the total. */
export function newNotificationsBody(previous: number, unread: number): string {
  const arrived = unread - previous;
  return arrived === 1
    ? `Chegou uma nova notificação. Você tem ${unreadText(unread)}.`
    : `Chegaram ${arrived} novas notificações. Você tem ${unreadText(unread)}.`;
}

type Rgba = readonly [number, number, number, number];
const CYAN: Rgba = [21, 170, 191, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [224, 49, 49, 255];

/**
 * The tray icon (a cyan disc with a white wave), with a red badge dot at the top right when there are
 * unread notifications; `size` in pixels (32 for a 16 pt tray icon at 2×). Also the Windows overlay when
 * `badgeOnly` (the dot alone).
 */
export function drawIndicatorIcon(size: number, options: { badge: boolean; badgeOnly?: boolean }): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const center = (size - 1) / 2;
  const radius = size / 2 - 0.5;
  const badgeRadius = options.badgeOnly ? size / 2 - 0.5 : size * 0.22;
  const badgeCenter = options.badgeOnly ? center : size - 1 - badgeRadius;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let color: Rgba | null = null;
      if (!options.badgeOnly && Math.hypot(x - center, y - center) <= radius) {
        // A wave across the middle: y ≈ center + amplitude · sin(x), two pixels thick per 16.
        const wave = center + (size / 10) * Math.sin((x / size) * 2 * Math.PI);
        color = Math.abs(y - wave) <= size / 16 ? WHITE : CYAN;
      }
      if (
        options.badge &&
        Math.hypot(x - badgeCenter, y - (options.badgeOnly ? center : badgeRadius)) <= badgeRadius
      )
        color = RED;
      if (color) pixels.set(color, (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

/** A minimal RGBA PNG encoder (filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1)
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
