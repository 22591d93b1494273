/**
 * Marks a PNG with the resolution it was drawn for (a pHYs chunk), so a
 * word processor or a print dialog places a chart drawn at 300 dpi at its
 * real size instead of three times too large. A canvas writes no pHYs chunk
 * of its own. Pure: bytes in, bytes out.
 */

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const METRES_PER_INCH = 0.0254;

/** CRC-32 as PNG defines it (ISO 3309, polynomial 0xEDB88320), over a chunk's type and data. */
const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typeAndData = out.subarray(4, 8 + data.length);
  typeAndData.set([...type].map((ch) => ch.charCodeAt(0)));
  typeAndData.set(data, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

/** The PNG with a pHYs chunk for `dpi` right after its header (IHDR), replacing any it had. */
export function withResolution(png: Uint8Array, dpi: number): Uint8Array {
  if (!hasPngSignature(png)) throw new Error('Not a PNG: the image has no PNG signature.');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const pixelsPerMetre = Math.round(dpi / METRES_PER_INCH);
  const data = new Uint8Array(9);
  new DataView(data.buffer).setUint32(0, pixelsPerMetre);
  new DataView(data.buffer).setUint32(4, pixelsPerMetre);
  data[8] = 1; // unit: the metre
  const parts: Uint8Array[] = [png.subarray(0, PNG_SIGNATURE.length)];
  let offset: number = PNG_SIGNATURE.length;
  while (offset + 8 <= png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (type !== 'pHYs') parts.push(png.subarray(offset, end));
    if (type === 'IHDR') parts.push(chunk('pHYs', data));
    offset = end;
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
