import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '@picineiros/api/shared/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, errorOf, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';
import { seedClient } from './schedule-fixtures';

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
    await seedClient(server, owner.orgId, 'Cliente Um');
    expect(imagesOf(await clientsPdf(owner))).toEqual([]);

    const stored = await owner.client.organizations.setLogo.mutate({ logo: PNG.toString('base64') });
    expect(stored).toEqual({ contentType: 'image/png', byteLength: PNG.length });
    expect((await owner.client.organizations.current.query()).hasLogo).toBe(true);
    const read = await owner.client.organizations.logo.query();
    expect(read?.contentType).toBe('image/png');
    expect(Buffer.from(read?.base64 ?? '', 'base64').equals(PNG)).toBe(true);

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
      await seedClient(server, owner.orgId, `Cliente ${String(index).padStart(2, '0')}`, { pools: 3 });
    }
    const admin = await addMember(server, owner.orgId, 'admin');
    expect(await admin.client.organizations.setLogo.mutate({ logo: JPEG.toString('base64') })).toEqual({
      contentType: 'image/jpeg',
      byteLength: JPEG.length,
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
    expect(Buffer.from(kept?.base64 ?? '', 'base64').equals(PNG)).toBe(true);
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
    await seedClient(server, stranger.orgId, 'Outro Cliente');
    expect(imagesOf(await clientsPdf(stranger))).toEqual([]);
  });
});
