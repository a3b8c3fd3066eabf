import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  changesUnread,
  describeUnread,
  drawIndicatorIcon,
  newNotificationsBody,
  unreadText,
} from '../src/core/unread-indicator';

/** Decodes what encodePng writes (RGBA, filter 0): the pixel at (x, y). */
function pixelAt(png: Buffer, x: number, y: number): number[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const rows = inflateSync(png.subarray(41, 41 + idatLength));
  const offset = y * (width * 4 + 1) + 1 + x * 4;
  return [...rows.subarray(offset, offset + 4)];
}

describe('unread indicator', () => {
  it('words the count in pt-BR, singular and plural', () => {
    expect(unreadText(1)).toBe('1 notificação não lida');
    expect(unreadText(3)).toBe('3 notificações não lidas');
    expect(unreadText(1500)).toBe('1.500 notificações não lidas');
    expect(describeUnread(0)).toEqual({
      tooltip: 'Picineiros: nenhuma notificação não lida',
      title: '',
      overlayDescription: null,
    });
    expect(describeUnread(2)).toEqual({
      tooltip: 'Picineiros: 2 notificações não lidas',
      title: '2',
      overlayDescription: '2 notificações não lidas',
    });
    expect(describeUnread(250).title).toBe('99+');
    expect(newNotificationsBody(2, 3)).toBe(
      'Chegou uma nova notificação. Você tem 3 notificações não lidas.',
    );
    expect(newNotificationsBody(0, 4)).toBe(
      'Chegaram 4 novas notificações. Você tem 4 notificações não lidas.',
    );
  });

  it('draws the tray icon with a red badge only when there is something unread', () => {
    const size = 32;
    const plain = drawIndicatorIcon(size, { badge: false });
    const badged = drawIndicatorIcon(size, { badge: true });
    const red = [224, 49, 49, 255];
    // Top-right: inside the badge; it is outside the disc, so transparent without a badge.
    expect(pixelAt(badged, size - 5, 5)).toEqual(red);
    expect(pixelAt(plain, size - 5, 5)).toEqual([0, 0, 0, 0]);
    // The disc itself (left edge of the middle row, below the wave) is the same in both.
    expect(pixelAt(plain, 4, 22)).toEqual([21, 170, 191, 255]);
    expect(pixelAt(badged, 4, 22)).toEqual([21, 170, 191, 255]);
    // The Windows overlay is the dot alone.
    const overlay = drawIndicatorIcon(16, { badge: true, badgeOnly: true });
    expect(pixelAt(overlay, 8, 8)).toEqual(red);
    expect(pixelAt(overlay, 0, 0)).toEqual([0, 0, 0, 0]);
  });
});

describe('when the tray asks again', () => {
  it('after marking read (read state is not synced), and not after other calls', () => {
    expect(changesUnread('notifications.markRead')).toBe(true);
    expect(changesUnread('notifications.markAllRead')).toBe(true);
    expect(changesUnread('notifications.list')).toBe(false);
    expect(changesUnread('appointments.create')).toBe(false);
  });
});
