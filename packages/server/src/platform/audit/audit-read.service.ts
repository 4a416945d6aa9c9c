import { auditLabel, canAnywhere, instantAt, type AuditActorKind, type LocalDate, unitsFor } from '@cchc/domain';
import type { ServerActor } from '../auth/actor';
import { ForbiddenError } from '../errors';
import type { AuditFilter, AuditRepository } from './audit.repository';
import type { AuditQuery } from './audit.schemas';

const EXPORT_LIMIT = 100_000;

function actorKindOf(r: { actorId: string | null; actorKind: string | null }): AuditActorKind {
  if (r.actorKind === 'citizen') return 'citizen';
  return r.actorId ? 'user' : 'system';
}

function parse(s: string | null): unknown {
  return s === null ? null : JSON.parse(s);
}

/** Reading and exporting the audit log; system administrators see every row, others their units' rows. */
export class AuditReadService {
  constructor(private readonly repo: AuditRepository) {}

  private filter(actor: ServerActor, q: AuditQuery): AuditFilter {
    if (!canAnywhere(actor, 'audit.read')) throw new ForbiddenError('forbidden');
    const isSystemAdmin = actor.roles.includes('system_admin');
    return {
      entity: q.entity,
      entityId: q.entityId,
      actorId: q.actorId,
      action: q.action,
      // Civil days are Asia/Ho_Chi_Minh: "to" includes the whole of that local day.
      fromAt: q.from ? instantAt(q.from as LocalDate, 0) : undefined,
      toAt: q.to ? instantAt(q.to as LocalDate, 24 * 60) : undefined,
      unitIds: isSystemAdmin ? undefined : unitsFor(actor, 'audit.read'),
    };
  }

  async list(actor: ServerActor, q: AuditQuery) {
    const { rows, total } = await this.repo.list(this.filter(actor, q), q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({ ...r, seq: Number(r.seq), actorKind: actorKindOf(r), before: parse(r.before), after: parse(r.after) })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The filtered log as an .xlsx workbook (newest first, at most 100,000 rows). */
  async exportXlsx(actor: ServerActor, q: AuditQuery, lang: 'vi' | 'en', labels: Record<string, string>): Promise<Buffer> {
    const f = this.filter(actor, q);
    // Loaded on first export only: the workbook library is large and most processes never need it.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CCHC';
    const ws = wb.addWorksheet(labels.sheet ?? 'Audit');
    ws.columns = [
      { header: labels.seq ?? 'No.', key: 'seq', width: 8 },
      { header: labels.at ?? 'Time', key: 'at', width: 20 },
      { header: labels.actor ?? 'Actor', key: 'actorName', width: 30 },
      { header: labels.action ?? 'Action', key: 'action', width: 16 },
      { header: labels.entity ?? 'Entity', key: 'entity', width: 16 },
      { header: labels.entityId ?? 'ID', key: 'entityId', width: 38 },
      { header: labels.before ?? 'Before', key: 'before', width: 60 },
      { header: labels.after ?? 'After', key: 'after', width: 60 },
      { header: labels.requestId ?? 'Request', key: 'requestId', width: 20 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const fmt = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' });
    for (let offset = 0; offset < EXPORT_LIMIT; offset += 5000) {
      const { rows } = await this.repo.list(f, 5000, offset);
      for (const r of rows) {
        const kind = actorKindOf(r);
        const actorName = kind === 'system' ? labels.system : kind === 'citizen' ? `${r.actorName ?? ''} (${labels.citizen})` : r.actorName;
        ws.addRow({
          ...r,
          seq: Number(r.seq),
          at: fmt.format(new Date(r.at)),
          actorName,
          action: auditLabel('action', r.action, lang),
          entity: auditLabel('entity', r.entity, lang),
        });
      }
      if (rows.length < 5000) break;
    }
    ws.autoFilter = { from: 'A1', to: 'I1' };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
