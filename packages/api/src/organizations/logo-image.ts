// The logo's rules, shared by the server and the settings page (no Node-only APIs: the browser runs it too).

export const LOGO_MAX_BYTES = 512 * 1024;

export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The image type read from the file's first bytes (its "magic number"), never from its name or from what the
 * browser claims: a PNG starts with the 8-byte PNG signature, a JPEG with the SOI marker FF D8 FF.
 */
export function sniffLogoType(bytes: Uint8Array): LogoContentType | null {
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return 'image/png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
