import { execFileSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImageSize, messages } from '@picineiros/api/client';
import { Organization } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const PNG = fixture('logo.png');
const JPEG = fixture('logo.jpg');

async function clientsPdf(member: SignedIn): Promise<Buffer> {
  const response = await fetch(`${server.url}/reports/clients.pdf`, {
    headers: { authorization: `Bearer ${member.accessToken}`, 'x-org-id': member.orgId },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** `pdfimages -list` as rows of [page, type, width, height, enc]. */
function imagesOf(pdf: Buffer): string[][] {
  const directory = mkdtempSync(join(tmpdir(), 'logo-'));
  const file = join(directory, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/))
    .map((columns) => [columns[0], columns[2], columns[3], columns[4], columns[8]].map(String));
}

async function fieldErrorOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await errorOf(promise);
  expect(error.data?.code).toBe('BAD_REQUEST');
  return error.data?.fieldErrors?.['logo'];
}

describe('organization logo', () => {
  it('an owner uploads a PNG; every page of the PDF header carries it; removing it takes it out', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Água Clara' });
    await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Cliente Um' }));
    expect(imagesOf(await clientsPdf(owner))).toEqual([]);

    const stored = await owner.client.organizations.setLogo.mutate({ logo: PNG.toString('base64') });
    // Re-encoded (a small logo keeps its size): what is stored is what libvips wrote, not the upload.
    expect(stored).toMatchObject({ contentType: 'image/png', width: 300, height: 120 });
    expect((await owner.client.organizations.current.query()).hasLogo).toBe(true);
    const read = await owner.client.organizations.logo.query();
    expect(read?.contentType).toBe('image/png');
    const readBytes = Buffer.from(read?.base64 ?? '', 'base64');
    expect(readBytes.length).toBe(stored.byteLength);
    expect(readImageSize(readBytes)).toEqual({ width: 300, height: 120 });

    // The PNG's colour and its alpha channel (soft mask), at the image's own size.
    expect(imagesOf(await clientsPdf(owner))).toEqual([
      ['1', 'image', '300', '120', 'image'],
      ['1', 'smask', '300', '120', 'image'],
    ]);

    await owner.client.organizations.removeLogo.mutate();
    expect(await owner.client.organizations.logo.query()).toBeNull();
    expect((await owner.client.organizations.current.query()).hasLogo).toBe(false);
    expect(imagesOf(await clientsPdf(owner))).toEqual([]);
  });

  it('a JPEG is stored as JPEG and embedded as such (DCT) on every page', async () => {
    const owner = await signUpOwner(server);
    for (let index = 0; index < 60; index += 1) {
      await seed(server, (em) =>
        seedClient(em, owner.orgId, { name: `Cliente ${String(index).padStart(2, '0')}`, pools: 3 }),
      );
    }
    const admin = await addMember(server, owner.orgId, 'admin');
    expect(await admin.client.organizations.setLogo.mutate({ logo: JPEG.toString('base64') })).toMatchObject({
      contentType: 'image/jpeg',
      width: 300,
      height: 120,
    });
    const images = imagesOf(await clientsPdf(owner));
    // pdfimages lists the logo once per page.
    expect(images.length).toBeGreaterThan(1);
    for (const image of images.slice(0, 1)) expect(image).toEqual(['1', 'image', '300', '120', 'jpeg']);
    expect(new Set(images.map((image) => image[0])).size).toBe(images.length);
  });

  it('refuses, as a field error and changing nothing: another type, a file too big, a broken image', async () => {
    const owner = await signUpOwner(server);
    await owner.client.organizations.setLogo.mutate({ logo: PNG.toString('base64') });

    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: gif.toString('base64') })),
    ).toBe(messages.logoWrongType);
    // An SVG (script-capable) named as a picture is still refused: the bytes decide.
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: svg.toString('base64') })),
    ).toBe(messages.logoWrongType);
    const tooBig = Buffer.concat([PNG, Buffer.alloc(520 * 1024)]);
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: tooBig.toString('base64') })),
    ).toBe(messages.logoTooLarge);
    const truncated = PNG.subarray(0, 40);
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: truncated.toString('base64') })),
    ).toBe(messages.logoUnreadable);
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: 'não é base64!' })),
    ).toBeTruthy();

    const kept = await owner.client.organizations.logo.query();
    expect(readImageSize(Buffer.from(kept?.base64 ?? '', 'base64'))).toEqual({ width: 300, height: 120 });
  });

  it('staff cannot change the logo; another organization never sees it', async () => {
    const owner = await signUpOwner(server);
    await owner.client.organizations.setLogo.mutate({ logo: PNG.toString('base64') });
    const staff = await addMember(server, owner.orgId, 'staff');
    expect((await errorOf(staff.client.organizations.removeLogo.mutate())).data?.code).toBe('FORBIDDEN');
    expect(
      (await errorOf(staff.client.organizations.setLogo.mutate({ logo: JPEG.toString('base64') }))).data
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await staff.client.organizations.logo.query())?.contentType).toBe('image/png');

    const stranger = await signUpOwner(server);
    expect(await stranger.client.organizations.logo.query()).toBeNull();
    await seed(server, (em) => seedClient(em, stranger.orgId, { name: 'Outro Cliente' }));
    expect(imagesOf(await clientsPdf(stranger))).toEqual([]);
  });

  it('a decompression bomb (459 KB declaring 11000×11000) is refused from its header, without decoding it', async () => {
    const owner = await signUpOwner(server);
    const bomb = grayPng(11_000, 11_000);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const stall = watchHealth();
    const startedAt = performance.now();
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: bomb.toString('base64') })),
    ).toBe(messages.logoTooManyPixels);
    const elapsedMs = performance.now() - startedAt;
    const worstGapMs = await stall.stop();
    expect(elapsedMs).toBeLessThan(1000);
    expect(worstGapMs).toBeLessThan(250);
    // A JPEG declaring 5000 px on one side, too.
    const wide = Buffer.from(JPEG);
    const sof = findJpegFrame(wide);
    wide.writeUInt16BE(5000, sof + 7);
    expect(
      await fieldErrorOf(owner.client.organizations.setLogo.mutate({ logo: wide.toString('base64') })),
    ).toBe(messages.logoTooManyPixels);
    expect(await owner.client.organizations.logo.query()).toBeNull();
  });

  it('a 4000×4000 logo is re-encoded off the event loop to 1024 px, and only that is drawn in the PDF', async () => {
    const owner = await signUpOwner(server);
    await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Cliente Grande' }));
    const large = grayPng(4000, 4000);
    const stall = watchHealth();
    const stored = await owner.client.organizations.setLogo.mutate({ logo: large.toString('base64') });
    const worstGapMs = await stall.stop();
    expect(stored).toMatchObject({ contentType: 'image/png', width: 1024, height: 1024 });
    // /healthz kept answering while libvips decoded 16 megapixels on the thread pool.
    expect(worstGapMs).toBeLessThan(250);
    const images = imagesOf(await clientsPdf(owner));
    expect(images[0]?.slice(2, 4)).toEqual(['1024', '1024']);
  });

  it('a large logo stored before uploads were bounded is re-encoded when a report reads it (once)', async () => {
    const owner = await signUpOwner(server);
    await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Cliente Antigo' }));
    const em = server.database.fork();
    await em.nativeUpdate(
      Organization,
      { id: owner.orgId },
      { logo: grayPng(2000, 1000), logoContentType: 'image/png' },
    );
    const images = imagesOf(await clientsPdf(owner));
    expect(images[0]?.slice(2, 4)).toEqual(['1024', '512']);
    const saved = await server.database
      .fork()
      .findOneOrFail(Organization, { id: owner.orgId }, { populate: ['logo'] });
    expect(readImageSize(saved.logo ?? new Uint8Array())).toEqual({ width: 1024, height: 512 });
  });
});

/** A valid 8-bit grayscale PNG of the given size, all black: tiny on disk, width×height bytes decoded. */
function grayPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth; colour type 0 (gray), no interlace
  // Every row: filter byte 0 then `width` zero bytes.
  const raw = Buffer.alloc((width + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function findJpegFrame(bytes: Buffer): number {
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xc3) return offset;
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  throw new Error('no SOF');
}

/** Polls /healthz back to back; stop() answers the longest wait for one answer, in ms. */
function watchHealth(): { stop(): Promise<number> } {
  const state = { running: true };
  let worst = 0;
  const loop = (async () => {
    while (state.running) {
      const startedAt = performance.now();
      const response = await fetch(`${server.url}/healthz`);
      await response.arrayBuffer();
      worst = Math.max(worst, performance.now() - startedAt);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      return worst;
    },
  };
}
