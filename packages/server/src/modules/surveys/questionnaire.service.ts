import { canAnywhere, foldVietnamese, publishIssues, questionsOf, unitsFor, can, type QuestionnaireDefinition } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { questionnaireFromXlsx, questionnaireToXlsx } from './questionnaire-sheet';
import { SURVEY_TEMPLATE_KEYS, surveyTemplate } from './survey-templates';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import type { QuestionnaireRow, SurveyRepository } from './survey.repository';
import type { CreateQuestionnaireInput, QuestionnaireListQuery, QuestionnaireSummary, QuestionnaireView, UpdateQuestionnaireInput } from './survey.schemas';

function summary(actor: ServerActor, r: QuestionnaireRow): QuestionnaireSummary {
  const manages = can(actor, 'survey.manage', r.unitId);
  return {
    id: r.id,
    familyId: r.familyId,
    versionNo: r.versionNo,
    unitId: r.unitId,
    status: r.status as QuestionnaireSummary['status'],
    title: r.title,
    questionCount: r.questionCount,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    version: r.version,
    can: { update: manages, publish: manages && r.status === 'draft' },
  };
}

/** 400 naming every question that stops publication (docs/surveys.md, "Publishing and versions"). */
export function publishError(def: QuestionnaireDefinition): ValidationError | null {
  const issues = publishIssues(def);
  if (issues.length === 0) return null;
  return new ValidationError(
    'survey.not_publishable',
    issues.map((i) => ({ path: `definition.${i.path}`, code: i.code })),
    { questions: issues.map((i) => i.questionId ?? null).filter((x) => x !== null) },
  );
}

/** Questionnaires: drafts edited freely, published versions frozen; an edit of a published one opens the next version. */
export class QuestionnaireService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  templates() {
    return SURVEY_TEMPLATE_KEYS.map((key) => {
      const def = surveyTemplate(key);
      return { key, title: def.title, questionCount: questionsOf(def).length };
    });
  }

  /** A questionnaire the actor reads; out of scope reads as absent, in scope without the role is 403. */
  async find(actor: ServerActor, id: string, trx: Db = this.db): Promise<QuestionnaireRow> {
    const row = await this.repo.findQuestionnaire(unitsFor(actor, 'survey.read'), id, trx);
    if (row) return row;
    if (await this.repo.findQuestionnaire(unitsFor(actor, 'unit.read'), id, trx)) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
    throw new NotFoundError('survey.questionnaire_not_found');
  }

  definitionOf(row: QuestionnaireRow): QuestionnaireDefinition {
    return JSON.parse(row.definition) as QuestionnaireDefinition;
  }

  private async view(actor: ServerActor, row: QuestionnaireRow, trx: Db): Promise<QuestionnaireView> {
    const definition = this.definitionOf(row);
    return {
      ...summary(actor, row),
      definition,
      publishIssues: row.status === 'draft' ? publishIssues(definition) : [],
      versions: (await this.repo.versionsOf(row.familyId, trx)).map((v) => ({ ...v, status: v.status as 'draft' | 'published' })),
    };
  }

  async list(actor: ServerActor, q: QuestionnaireListQuery) {
    if (!canAnywhere(actor, 'survey.read')) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
    const { rows, total } = await this.repo.listQuestionnaires(unitsFor(actor, 'survey.read'), q, q.q ? foldVietnamese(q.q) : null);
    return { items: rows.map((r) => summary(actor, r)), total, page: q.page, pageSize: q.pageSize };
  }

  get(actor: ServerActor, id: string): Promise<QuestionnaireView> {
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.find(actor, id, trx), trx));
  }

  private row(actor: ServerActor, unitId: string, familyId: string, versionNo: number, def: QuestionnaireDefinition): QuestionnaireRow {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      familyId,
      versionNo,
      unitId,
      status: 'draft',
      title: def.title.vi,
      titleFolded: foldVietnamese(def.title.vi),
      definition: JSON.stringify(def),
      questionCount: questionsOf(def).length,
      publishedAt: null,
      createdBy: actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  async create(actor: ServerActor, input: CreateQuestionnaireInput): Promise<QuestionnaireView> {
    authorize(actor, 'survey.manage', input.unitId);
    const def = input.template ? surveyTemplate(input.template) : input.definition!;
    return this.db.transaction().execute(async (trx) => {
      const row = this.row(actor, input.unitId, randomUUID(), 1, def);
      await this.repo.insertQuestionnaire(trx, row);
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'survey_questionnaire',
        entityId: row.id,
        unitId: row.unitId,
        after: { title: row.title, template: input.template ?? null, versionNo: 1 },
      });
      return this.view(actor, row, trx);
    });
  }

  /**
   * Saves a draft; on a published version the edit becomes the next version's draft (the published one
   * stays frozen, since campaigns and their answers refer to it).
   */
  async update(actor: ServerActor, id: string, input: UpdateQuestionnaireInput): Promise<QuestionnaireView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.find(actor, id, trx);
      authorize(actor, 'survey.manage', row.unitId);
      if (row.version !== input.version) throw new ConflictError('survey.stale_version', [], { current: await this.view(actor, row, trx) });
      const def = input.definition;
      if (row.status === 'published') {
        const next = this.row(actor, row.unitId, row.familyId, (await this.repo.latestVersionNo(row.familyId, trx)) + 1, def);
        await this.repo.insertQuestionnaire(trx, next);
        await this.audit.record(trx, actor, {
          action: 'create',
          entity: 'survey_questionnaire',
          entityId: next.id,
          unitId: next.unitId,
          after: { title: next.title, from: row.id, versionNo: next.versionNo },
        });
        return this.view(actor, next, trx);
      }
      const set = {
        title: def.title.vi,
        titleFolded: foldVietnamese(def.title.vi),
        definition: JSON.stringify(def),
        questionCount: questionsOf(def).length,
        updatedAt: this.clock.now(),
      };
      if (!(await this.repo.updateQuestionnaire(trx, row.id, row.version, set))) throw new ConflictError('survey.stale_version');
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'survey_questionnaire',
        entityId: row.id,
        unitId: row.unitId,
        before: { title: row.title },
        after: { title: set.title, questionCount: set.questionCount },
      });
      return this.view(actor, { ...row, ...set, version: row.version + 1 }, trx);
    });
  }

  async publish(actor: ServerActor, id: string, version: number): Promise<QuestionnaireView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.find(actor, id, trx);
      authorize(actor, 'survey.manage', row.unitId);
      if (row.version !== version) throw new ConflictError('survey.stale_version', [], { current: await this.view(actor, row, trx) });
      if (row.status !== 'draft') throw new ConflictError('survey.already_published');
      const err = publishError(this.definitionOf(row));
      if (err) throw err;
      const set = { status: 'published', publishedAt: this.clock.now(), updatedAt: this.clock.now() };
      if (!(await this.repo.updateQuestionnaire(trx, row.id, row.version, set))) throw new ConflictError('survey.stale_version');
      await this.audit.record(trx, actor, {
        action: 'publish',
        entity: 'survey_questionnaire',
        entityId: row.id,
        unitId: row.unitId,
        after: { versionNo: row.versionNo },
      });
      return this.view(actor, { ...row, ...set, version: row.version + 1 }, trx);
    });
  }

  async exportDocument(actor: ServerActor, id: string) {
    const row = await this.find(actor, id);
    return {
      fileName: `khao-sat-${row.versionNo}.json`,
      document: { format: 'cchc-questionnaire' as const, formatVersion: 1 as const, definition: this.definitionOf(row) },
    };
  }

  /** The questionnaire as an .xlsx workbook, one row per question (questionnaire-sheet.ts). */
  async exportSheet(actor: ServerActor, id: string) {
    const row = await this.find(actor, id);
    return { fileName: `khao-sat-${row.versionNo}.xlsx`, contentType: XLSX, data: await questionnaireToXlsx(this.definitionOf(row)) };
  }

  /** Imports an .xlsx questionnaire as a new draft: authorized before the file is read, all or nothing. */
  async importSheet(actor: ServerActor, unitId: string, data: Buffer): Promise<QuestionnaireView> {
    authorize(actor, 'survey.manage', unitId);
    return this.create(actor, { unitId, definition: await questionnaireFromXlsx(data) });
  }

  /** Imports a JSON document as a new draft; the body schema already checked every field (400 lists them all). */
  importDocument(actor: ServerActor, unitId: string, definition: QuestionnaireDefinition): Promise<QuestionnaireView> {
    return this.create(actor, { unitId, definition });
  }
}
