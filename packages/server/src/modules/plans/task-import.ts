import { foldVietnamese, isLocalDate, taskIssues } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import { cellText, columnLetter, columnsByHeader } from '../../platform/xlsx-columns';
import { readXlsxTables, type SheetLimits, type TableCell } from '../../platform/xlsx-table';
import { PRIORITY_TEXT, TASK_COLUMNS, type TaskColumnKey } from './plan-sheets';
import type { TaskRow } from './task.repository';
import { readUnitsOf } from './task-access';
import type { NewTask, TaskService } from './task.service';

// Importing a plan's tasks from the sheet the export writes (docs/plans.md "Import"): every row is
// checked first and each problem is reported with its row and column letter; nothing is written unless
// every row is valid, and then all rows are written in one transaction.

export const MAX_TASK_IMPORT_ROWS = 2000;
const LIMITS: SheetLimits = { sheets: 1, maxRows: MAX_TASK_IMPORT_ROWS + 1, maxColumns: 40 };
const PRIORITY_BY_TEXT = new Map(Object.entries(PRIORITY_TEXT).map(([k, v]) => [foldVietnamese(v), k as NewTask['priority']]));

/** A day from a cell: a date-formatted cell, 'dd/mm/yyyy' or 'yyyy-mm-dd'; undefined when empty, null when unreadable. */
function dayOf(v: TableCell | undefined): string | null | undefined {
  if (v === undefined || v === '') return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v).trim();
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : s;
  return isLocalDate(iso) ? iso : null;
}

export async function importTasks(tasks: TaskService, actor: ServerActor, planId: string, data: Buffer): Promise<{ created: number }> {
  const { db, plans } = tasks.deps;
  const plan = await plans.findInScope(readUnitsOf(actor), planId);
  if (!plan) throw new NotFoundError('plan.not_found');
  authorize(actor, 'plan.manage', plan.unitId);
  if (plan.status === 'closed') throw new ConflictError('plan.closed');

  const [table = []] = await readXlsxTables(data, LIMITS);
  const [header = [], ...body] = table;
  const columnOf = columnsByHeader(header, TASK_COLUMNS);

  const subtree = new Set(await plans.subtree(plan.unitId));
  const units = await db.selectFrom('units').select(['id', 'nameFolded']).execute();
  const byName = new Map(units.map((u) => [u.nameFolded, u.id]));
  const errors: FieldError[] = [];
  const parsed: Array<{ row: number; stt: string; parentStt: string | null; input: NewTask }> = [];
  const seen = new Set<string>();

  body.forEach((values, i) => {
    const row = i + 2;
    const cell = (k: TaskColumnKey) => {
      const c = columnOf.get(k);
      return c === undefined ? undefined : values[c];
    };
    if (TASK_COLUMNS.every((c) => cellText(cell(c.key)) === '')) return;
    const err = (k: TaskColumnKey, code: string) => errors.push({ path: `file.${k}`, row, column: columnLetter(columnOf.get(k) ?? 0), code });
    const stt = cellText(cell('stt')) || String(parsed.filter((p) => !p.parentStt).length + 1);
    const m = /^(\d+)\.\d+$/.exec(stt);
    const parentStt = m ? m[1]! : null;
    if (parentStt && !seen.has(parentStt)) err('stt', 'import.parent_unknown');
    if (!parentStt) seen.add(stt);
    const title = cellText(cell('title'));
    if (!title) err('title', 'import.required');
    const unitId = byName.get(foldVietnamese(cellText(cell('unit'))));
    if (!unitId || !subtree.has(unitId)) err('unit', 'task.unit_outside_agency');
    const coordinatingUnitIds: string[] = [];
    for (const name of cellText(cell('coordinating'))
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = byName.get(foldVietnamese(name));
      if (id) coordinatingUnitIds.push(id);
      else err('coordinating', 'unit.not_found');
    }
    const startOn = dayOf(cell('startOn'));
    const dueOn = dayOf(cell('dueOn'));
    if (startOn === null) err('startOn', 'import.invalid_date');
    if (dueOn === null) err('dueOn', 'import.invalid_date');
    if (dueOn === undefined) err('dueOn', 'import.required');
    const criteria = cellText(cell('criteria'))
      .split(/[;,\s]+/)
      .filter(Boolean);
    if (criteria.some((c) => !/^[0-9A-Za-z.]{1,20}$/.test(c))) err('criteria', 'plans.criterion_code_format');
    const priorityText = cellText(cell('priority'));
    const priority = priorityText ? PRIORITY_BY_TEXT.get(foldVietnamese(priorityText)) : 'normal';
    if (!priority) err('priority', 'import.invalid_value');
    if (dueOn) {
      const parentDue = parentStt ? parsed.find((p) => p.stt === parentStt)?.input.dueOn : undefined;
      for (const issue of taskIssues({ planYear: plan.year, startOn: startOn ?? null, dueOn, parentDueOn: parentDue ?? null }))
        err(issue.field === 'startOn' ? 'startOn' : 'dueOn', issue.code);
    }
    parsed.push({
      row,
      stt,
      parentStt,
      input: {
        title,
        description: cellText(cell('description')) || null,
        expectedOutput: cellText(cell('expectedOutput')) || null,
        unitId: unitId ?? '',
        coordinatingUnitIds,
        startOn: startOn ?? null,
        dueOn: dueOn ?? '',
        criteria,
        priority: priority ?? 'normal',
      },
    });
  });
  if (parsed.length === 0) throw new ValidationError('import.empty', [{ path: 'body.file', code: 'import.empty' }]);
  if (errors.length) throw new ValidationError('import.invalid', errors);

  return db.transaction().execute(async (trx) => {
    const parents = new Map<string, TaskRow>();
    for (const p of parsed) {
      const row = await tasks.insertTask(trx, actor, plan, p.parentStt ? parents.get(p.parentStt)! : null, p.input);
      if (!p.parentStt) parents.set(p.stt, row);
    }
    return { created: parsed.length };
  });
}
