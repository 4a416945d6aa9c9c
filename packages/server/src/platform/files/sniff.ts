import { fileTypeFromBuffer } from 'file-type';

/** What may be uploaded as evidence or a dossier component, by sniffed content (not by the name). */
const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/x-cfb', // legacy .doc/.xls
  'application/zip',
  'application/xml',
]);

const TEXTUAL = new Set(['text/plain', 'text/csv']);

function isUtf8Text(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** The real content type of an upload, or null when it is not an allowed kind. */
export async function sniffContentType(data: Buffer, declared: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return ALLOWED.has(detected.mime) ? detected.mime : null;
  const base = declared.split(';')[0]!.trim().toLowerCase();
  if (TEXTUAL.has(base) && isUtf8Text(data)) return base;
  return null;
}
