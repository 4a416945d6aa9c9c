import { contentDisposition } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { requireActor } from '../../platform/auth/actor';
import type { DossierFilesService } from './dossier-files.service';
import { DossierFileList, DossierFileParams, DossierFileQuery, DossierIdParams } from './dossier.schemas';

/**
 * The policy of a previewed file, replacing the app's. Nothing in it may run script or load anything
 * but itself; it may be framed by the app only (the detail page's preview). Images are also sandboxed.
 * PDFs are not: Chrome refuses to start its PDF viewer in a sandboxed document, whatever the tokens,
 * and shows "blocked" instead; the viewer runs the PDF in its own process without access to the page
 * (docs/architecture.md § Dossiers, "Files of a dossier").
 */
const PREVIEW_CSP_IMAGE = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
const PREVIEW_CSP_PDF = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

/**
 * Sends a stored file: always with its sniffed type and `nosniff`, so no upload is ever read as HTML;
 * `inline` (a preview) only when the caller decided the type is one the browser shows.
 */
export function sendStoredFile(reply: FastifyReply, f: { fileName: string; size: number; contentType: string; inline: boolean; stream: Readable }) {
  reply
    .header('content-type', f.contentType)
    .header('content-length', String(f.size))
    .header('content-disposition', contentDisposition(f.fileName, f.inline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff');
  if (f.inline) {
    reply.header('content-security-policy', f.contentType === 'application/pdf' ? PREVIEW_CSP_PDF : PREVIEW_CSP_IMAGE).header('x-frame-options', 'SAMEORIGIN');
  }
  return reply.send(f.stream);
}

export const dossierFileRoutes: FastifyPluginAsyncZod<{ service: DossierFilesService }> = async (app, { service }) => {
  const tags = ['dossiers'];
  app.get(
    '/api/dossiers/:id/files',
    {
      schema: {
        tags,
        summary:
          "The dossier's files (the applicant's components and the officers' uploads, the signed result) with size, type, uploader and component; for whoever reads the dossier",
        params: DossierIdParams,
        response: { 200: DossierFileList },
      },
    },
    (req) => service.list(requireActor(req.actor), req.params.id),
  );
  app.get(
    '/api/dossiers/:id/files/:fileId',
    {
      schema: {
        tags,
        summary:
          'One file of the dossier: `disposition=inline` previews PDF and images in the browser (sandboxed, framed by the app only), anything else downloads',
        params: DossierFileParams,
        querystring: DossierFileQuery,
      },
    },
    async (req, reply) =>
      sendStoredFile(reply, await service.open(requireActor(req.actor), req.params.id, req.params.fileId, req.query.disposition === 'inline')),
  );
};
