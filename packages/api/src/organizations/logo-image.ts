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

/** A logo wider or taller than this, or with more pixels than LOGO_MAX_PIXELS, is refused before decoding. */
export const LOGO_MAX_EDGE = 4096;
export const LOGO_MAX_PIXELS = 16_000_000;
/** What is stored (and drawn in PDFs): re-encoded to at most this many pixels on its long side. */
export const LOGO_STORED_EDGE = 1024;

export type ImageSize = { width: number; height: number };

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return readUint16(bytes, offset) * 0x10000 + readUint16(bytes, offset + 2);
}

// JPEG start-of-frame markers (baseline, progressive, lossless…): C0–CF except DHT (C4), JPG (C8), DAC (CC).
const JPEG_FRAME_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/**
 * The pixel size a PNG or JPEG declares in its header, read without decoding anything: a 459 KB PNG can
 * declare 11000×11000 pixels (a "decompression bomb", 480 MB once decoded), so the size is checked first.
 * PNG: the IHDR chunk right after the signature. JPEG: the first start-of-frame segment, found by walking
 * the segments' lengths. Null when the header is missing or broken.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  const type = sniffLogoType(bytes);
  if (type === 'image/png') {
    // Signature (8), IHDR length (4), 'IHDR' (4), width (4), height (4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: readUint32(bytes, 16), height: readUint32(bytes, 20) };
  }
  if (type === 'image/jpeg') {
    let offset = 2;
    while (offset + 4 <= bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1] ?? 0;
      // Fill bytes and markers without a length (TEM, RSTn).
      if (marker === 0xff) {
        offset += 1;
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        offset += 2;
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return null;
      const length = readUint16(bytes, offset + 2);
      if (length < 2) return null;
      if (JPEG_FRAME_MARKERS.has(marker)) {
        if (offset + 9 > bytes.length) return null;
        return { height: readUint16(bytes, offset + 5), width: readUint16(bytes, offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return null;
}

/** Whether a declared size is within what the server agrees to decode. */
export function isLogoSizeAllowed(size: ImageSize): boolean {
  return (
    size.width > 0 &&
    size.height > 0 &&
    size.width <= LOGO_MAX_EDGE &&
    size.height <= LOGO_MAX_EDGE &&
    size.width * size.height <= LOGO_MAX_PIXELS
  );
}
