import { Organization } from '@picineiros/db';
import sharp from 'sharp';
import type { Context } from '../context';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import {
  isLogoSizeAllowed,
  LOGO_MAX_BYTES,
  LOGO_MAX_PIXELS,
  LOGO_STORED_EDGE,
  readImageSize,
  sniffLogoType,
  type LogoContentType,
} from './logo-image';
import type { TOrganizationLogo, TSetOrganizationLogoInput } from './schema';

export type OrganizationLogo = { contentType: LogoContentType; bytes: Buffer };

/** The stored logo is bounded (LOGO_STORED_EDGE); a logo saved before that rule is re-encoded when read. */
function isBounded(bytes: Uint8Array): boolean {
  const size = readImageSize(bytes);
  return size !== null && size.width <= LOGO_STORED_EDGE && size.height <= LOGO_STORED_EDGE;
}

/**
 * The logo as it is stored: decoded and re-encoded by libvips, at most LOGO_STORED_EDGE pixels on its long
 * side, metadata dropped, same format. sharp runs this on libuv's thread pool, never on the event loop, and
 * `limitInputPixels` makes libvips itself refuse a header that lies past the cap. Throws when the bytes do
 * not decode (a truncated file).
 */
export async function boundLogo(bytes: Uint8Array, contentType: LogoContentType): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: LOGO_MAX_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: LOGO_STORED_EDGE, height: LOGO_STORED_EDGE, fit: 'inside', withoutEnlargement: true });
  return contentType === 'image/png'
    ? image.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
    : image.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}

/**
 * The organization's logo, or null; a separate read because the column is lazy (reports and settings only).
 * A logo stored before uploads were bounded is re-encoded here once and saved back (the lazy migration of
 * existing logos); one whose header declares more pixels than allowed is never decoded and reads as none.
 */
export async function readOrganizationLogo(
  ctx: Context,
  organizationId: string,
): Promise<OrganizationLogo | null> {
  const organization = await ctx.em.findOne(Organization, { id: organizationId }, { populate: ['logo'] });
  const contentType = organization?.logoContentType;
  if (!organization?.logo || (contentType !== 'image/png' && contentType !== 'image/jpeg')) return null;
  const stored = Buffer.from(organization.logo);
  if (isBounded(stored)) return { contentType, bytes: stored };
  const size = readImageSize(stored);
  if (!size || !isLogoSizeAllowed(size)) return null;
  let bounded: Buffer;
  try {
    bounded = await boundLogo(stored, contentType);
  } catch {
    return null;
  }
  // A conditional update of the column alone: a logo replaced meanwhile is left as its owner set it.
  await ctx.em.nativeUpdate(
    Organization,
    { id: organizationId, logoContentType: contentType, logo: stored },
    { logo: bounded },
  );
  return { contentType, bytes: bounded };
}

/** The logo as organizations.logo answers it: its type and its bytes in base64. */
export async function describeOrganizationLogo(
  ctx: Context,
  organizationId: string,
): Promise<TOrganizationLogo> {
  const logo = await readOrganizationLogo(ctx, organizationId);
  return logo ? { contentType: logo.contentType, base64: logo.bytes.toString('base64') } : null;
}

/**
 * Stores a new logo. The type comes from the bytes (a `.png` name on a GIF is refused); the pixel size is
 * read from the header and checked before anything is decoded; then the image is re-encoded to a bounded
 * size (a truncated file fails here), and only that version is kept and drawn in PDFs.
 */
export async function setOrganizationLogo(
  ctx: Context,
  organization: Organization,
  input: TSetOrganizationLogoInput,
): Promise<{ contentType: LogoContentType; byteLength: number; width: number; height: number }> {
  const bytes = Buffer.from(input.logo, 'base64');
  if (bytes.length === 0) throw fieldError('logo', messages.logoWrongType);
  if (bytes.length > LOGO_MAX_BYTES) throw fieldError('logo', messages.logoTooLarge);
  const contentType = sniffLogoType(bytes);
  if (!contentType) throw fieldError('logo', messages.logoWrongType);
  const declared = readImageSize(bytes);
  if (!declared) throw fieldError('logo', messages.logoUnreadable);
  if (!isLogoSizeAllowed(declared)) throw fieldError('logo', messages.logoTooManyPixels);
  let bounded: Buffer;
  let size: { width: number; height: number };
  try {
    bounded = await boundLogo(bytes, contentType);
    const metadata = await sharp(bounded).metadata();
    size = { width: metadata.width, height: metadata.height };
  } catch {
    throw fieldError('logo', messages.logoUnreadable);
  }
  organization.logo = bounded;
  organization.logoContentType = contentType;
  await ctx.em.flush();
  return { contentType, byteLength: bounded.length, ...size };
}

export async function removeOrganizationLogo(
  ctx: Context,
  organization: Organization,
): Promise<{ ok: true }> {
  organization.logo = null;
  organization.logoContentType = null;
  await ctx.em.flush();
  return { ok: true };
}
