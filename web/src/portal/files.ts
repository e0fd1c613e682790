/**
 * Photos are never stored (R-DOC-2): the portal refuses image files before sending them,
 * by their first bytes (whatever the name says) and by their declared type. The server
 * decides again by content; this only spares the upload.
 */

const IMAGE_EXT = /\.(jpe?g|jfif|png|gif|webp|heic|heif|avif|tiff?|bmp|ico|svg|dng|cr2|nef|arw)$/i;

/** Whether the first bytes are those of an image format. */
export function looksLikeImage(head: Uint8Array): boolean {
  const b = (i: number) => head[i] ?? -1;
  const ascii = (from: number, s: string) => [...s].every((c, i) => b(from + i) === c.charCodeAt(0));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return true; // JPEG
  if (b(0) === 0x89 && ascii(1, 'PNG')) return true;
  if (ascii(0, 'GIF8')) return true;
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return true;
  if ((ascii(0, 'II') && b(2) === 0x2a && b(3) === 0) || (ascii(0, 'MM') && b(2) === 0 && b(3) === 0x2a)) return true; // TIFF
  if (ascii(0, 'BM') && head.length > 14) return true; // BMP
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif'].some((brand) => ascii(8, brand))) return true;
  if (b(0) === 0 && b(1) === 0 && b(2) === 1 && b(3) === 0) return true; // ICO
  return false;
}

/** Whether a file chosen for upload is an image: by its bytes, its type or its name. */
export async function isImageFile(file: Blob & { name?: string }): Promise<boolean> {
  if (file.type.startsWith('image/')) return true;
  if (file.name && IMAGE_EXT.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return looksLikeImage(head);
}
