import { Organization } from '@picineiros/db';
import { jsPDF } from 'jspdf';
import type { Context } from '../context';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import { LOGO_MAX_BYTES, sniffLogoType, type LogoContentType } from './logo-image';
import type { TSetOrganizationLogoInput } from './schema';

export type OrganizationLogo = { contentType: LogoContentType; bytes: Buffer };

/** The organization's logo, or null; a separate read because the column is lazy (reports and settings only). */
export async function readOrganizationLogo(
  ctx: Context,
  organizationId: string,
): Promise<OrganizationLogo | null> {
  const organization = await ctx.em.findOne(Organization, { id: organizationId }, { populate: ['logo'] });
  const contentType = organization?.logoContentType;
  if (!organization?.logo || (contentType !== 'image/png' && contentType !== 'image/jpeg')) return null;
  return { contentType, bytes: Buffer.from(organization.logo) };
}

/**
 * Stores a new logo. The type comes from the bytes (a `.png` name on a GIF is refused), and the image must
 * decode in jsPDF — the PDF reports draw it — so a truncated file is refused here rather than later.
 */
export async function setOrganizationLogo(
  ctx: Context,
  organization: Organization,
  input: TSetOrganizationLogoInput,
): Promise<{ contentType: LogoContentType; byteLength: number }> {
  const bytes = Buffer.from(input.logo, 'base64');
  if (bytes.length === 0) throw fieldError('logo', messages.logoWrongType);
  if (bytes.length > LOGO_MAX_BYTES) throw fieldError('logo', messages.logoTooLarge);
  const contentType = sniffLogoType(bytes);
  if (!contentType) throw fieldError('logo', messages.logoWrongType);
  try {
    const properties = new jsPDF().getImageProperties(new Uint8Array(bytes));
    if (!(properties.width > 0 && properties.height > 0)) throw new Error('empty image');
  } catch {
    throw fieldError('logo', messages.logoUnreadable);
  }
  organization.logo = bytes;
  organization.logoContentType = contentType;
  await ctx.em.flush();
  return { contentType, byteLength: bytes.length };
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
