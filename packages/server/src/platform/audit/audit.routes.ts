import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../auth/actor';
import type { AuditReadService } from './audit-read.service';
import { AuditList, AuditQuery } from './audit.schemas';

// Column titles of the export follow the caller's language (vi by default).
const LABELS: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    sheet: 'Nhật ký',
    seq: 'STT',
    at: 'Thời gian',
    actor: 'Người thực hiện',
    action: 'Thao tác',
    entity: 'Đối tượng',
    entityId: 'Mã',
    before: 'Trước',
    after: 'Sau',
    requestId: 'Mã yêu cầu',
    system: 'Hệ thống',
    citizen: 'công dân',
  },
  en: {
    sheet: 'Audit log',
    seq: 'No.',
    at: 'Time',
    actor: 'Actor',
    action: 'Action',
    entity: 'Entity',
    entityId: 'ID',
    before: 'Before',
    after: 'After',
    requestId: 'Request',
    system: 'System',
    citizen: 'citizen',
  },
};

export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditReadService }> = async (app, { service }) => {
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, summary: 'Audit log, newest first, filterable', querystring: AuditQuery, response: { 200: AuditList } } }, (req) =>
    service.list(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/audit/export',
    {
      schema: {
        tags,
        summary: 'Audit log as an Excel workbook (same filters)',
        querystring: AuditQuery.extend({ lang: z.enum(['vi', 'en']).default('vi') }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const buf = await service.exportXlsx(requireActor(req.actor), req.query, req.query.lang, LABELS[req.query.lang]);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="nhat-ky-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buf);
    },
  );
};
