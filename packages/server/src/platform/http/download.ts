import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** `Content-Disposition` with the exact (Vietnamese) file name, RFC 6266 `filename*`. */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  return `${kind}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a generated file (an export, a printed document) as a download that is never sniffed into another type. */
export function sendDownload(reply: FastifyReply, f: { fileName: string; contentType: string; data: Buffer | Readable }) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', contentDisposition(f.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}
