import { contentDisposition } from '../http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/actor';
import { ValidationError } from '../errors';
import type { FilesService } from './files.service';

const Owner = z.object({ ownerEntity: z.string().min(1).max(50), ownerId: z.string().min(1).max(100) });
const FileView = z.object({ id: z.string(), name: z.string(), sha256: z.string(), size: z.number().int(), contentType: z.string(), createdAt: z.string() });

export const filesRoutes: FastifyPluginAsyncZod<{ service: FilesService }> = async (app, { service }) => {
  const tags = ['files'];
  app.post(
    '/api/files',
    {
      schema: {
        tags,
        summary: 'Upload one file (multipart field "file") attached to a record',
        querystring: Owner,
        consumes: ['multipart/form-data'],
        response: { 201: FileView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.actor);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      const data = await part.toBuffer();
      const saved = await service.upload(actor, req.query.ownerEntity, req.query.ownerId, { name: part.filename, declaredType: part.mimetype, data });
      return reply.status(201).send(saved);
    },
  );
  app.get(
    '/api/files',
    { schema: { tags, summary: 'Files attached to a record', querystring: Owner, response: { 200: z.object({ items: z.array(FileView) }) } } },
    async (req) => ({
      items: await service.list(requireActor(req.actor), req.query.ownerEntity, req.query.ownerId),
    }),
  );
  app.get(
    '/api/files/:id',
    { schema: { tags, summary: 'Download a file (authorized by its owning record)', params: z.object({ id: z.string().min(1).max(100) }) } },
    async (req, reply) => {
      const f = await service.open(requireActor(req.actor), req.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(f.stream);
    },
  );
};
