import { questionsOf, weightsOf, type Question, type QuestionnaireDefinition } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import type { CampaignService } from './campaign.service';
import type { SurveyRepository } from './survey.repository';
import type { SurveyResultsService } from './survey-results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';
/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const RISKY = /^[=+\-@\t\r]/;
const CHUNK = 1000;

function toCsv(rows: Array<Array<string | number | null>>): string {
  const quote = (v: string | number | null) => {
    if (v === null) return '';
    let s = String(v);
    if (typeof v === 'string' && RISKY.test(s)) s = `'${s}`;
    return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** The variables of the coded file: one per question, one per option of a multiple choice (0/1). */
interface Variable {
  name: string;
  q: Question;
  option?: string;
}
function variables(def: QuestionnaireDefinition): Variable[] {
  return questionsOf(def).flatMap(({ question: q }): Variable[] =>
    q.type === 'multiple' ? q.options.map((o) => ({ name: `${q.id}_${o.code}`, q, option: o.code })) : [{ name: q.id, q }],
  );
}

/** Exports for analysts (SPSS, R): coded responses, their codebook, and the results workbook. */
export class SurveyExportService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly campaigns: CampaignService,
    private readonly results: SurveyResultsService,
  ) {}

  async export(actor: ServerActor, id: string, format: 'csv' | 'codebook' | 'xlsx') {
    const c = await this.campaigns.find(actor, id);
    const def = await this.repo.definitionOf(c.questionnaireId);
    const vars = variables(def);
    if (format === 'codebook')
      return { fileName: `codebook-${c.id}.csv`, contentType: CSV, data: Buffer.from('\uFEFF' + toCsv(this.codebook(def, vars)), 'utf8') };
    if (format === 'csv')
      return { fileName: `responses-${c.id}.csv`, contentType: CSV, data: Buffer.from('\uFEFF' + (await this.responsesCsv(c.id, vars)), 'utf8') };
    return { fileName: `ket-qua-khao-sat-${c.id}.xlsx`, contentType: XLSX, data: await this.workbook(actor, c.id, def, vars) };
  }

  private codebook(def: QuestionnaireDefinition, vars: ReturnType<typeof variables>) {
    const rows: Array<Array<string | number | null>> = [['variable', 'question', 'type', 'element', 'aspect', 'dimension', 'code', 'label', 'weight']];
    rows.push(
      ['respondent', 'Số thứ tự phiếu', 'id', null, null, null, null, null, null],
      ['submitted_on', 'Ngày trả lời', 'date', null, null, null, null, null, null],
      ['mode', 'Hình thức', 'code', null, null, null, 'web/paper', null, null],
    );
    rows.push(
      ['unit', 'Đơn vị', 'code', null, null, null, null, null, null],
      ['procedure', 'Thủ tục', 'code', null, null, null, null, null, null],
      ['channel', 'Kênh nộp hồ sơ', 'code', null, null, null, null, null, null],
    );
    for (const v of vars) {
      const q = v.q;
      const tag = [q.tag.element, q.tag.aspect, q.tag.dimension] as const;
      const w = weightsOf(q);
      if (v.option) {
        const o = (q as Extract<Question, { type: 'multiple' }>).options.find((x) => x.code === v.option)!;
        rows.push([v.name, `${q.text.vi} — ${o.label.vi}`, 'multiple(0/1)', ...tag, '1', o.label.vi, o.weight]);
        continue;
      }
      const options =
        q.type === 'likert'
          ? q.levels
          : q.type === 'single'
            ? q.options
            : q.type === 'yes_no'
              ? [
                  { code: 'yes', label: { vi: 'Có' }, weight: 100 },
                  { code: 'no', label: { vi: 'Không' }, weight: 0 },
                ]
              : [];
      if (options.length === 0) rows.push([v.name, q.text.vi, q.type, ...tag, null, q.type === 'number' ? `${q.min}–${q.max}` : null, null]);
      for (const o of options) rows.push([v.name, q.text.vi, q.type, ...tag, o.code, o.label.vi, w?.[o.code] ?? null]);
    }
    return rows;
  }

  /** One row per response, read in chunks of responses so memory stays flat whatever the campaign's size. */
  private async responsesCsv(campaignId: string, vars: ReturnType<typeof variables>): Promise<string> {
    const out: string[] = [toCsv([['respondent', 'submitted_on', 'mode', 'unit', 'procedure', 'channel', ...vars.map((v) => v.name)]])];
    let after = '';
    let no = 0;
    for (;;) {
      const responses = await this.db
        .selectFrom('surveyResponses')
        .select(['id', 'submittedOn', 'mode', 'unitId', 'procedureCode', 'dossierChannel'])
        .where('campaignId', '=', campaignId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK)
        .execute();
      if (responses.length === 0) break;
      after = responses.at(-1)!.id;
      const answers = await this.db
        .selectFrom('surveyAnswers')
        .select(['responseId', 'questionId', 'optionCode', 'valueNumber', 'valueText'])
        .where(
          'responseId',
          'in',
          responses.map((r) => r.id),
        )
        .execute();
      const by = new Map<string, typeof answers>();
      for (const a of answers) by.set(a.responseId, [...(by.get(a.responseId) ?? []), a]);
      const rows = responses.map((r) => {
        const mine = by.get(r.id) ?? [];
        const cell = (v: ReturnType<typeof variables>[number]): string | number | null => {
          const own = mine.filter((a) => a.questionId === v.q.id);
          if (v.option) return own.length === 0 ? null : own.some((a) => a.optionCode === v.option) ? 1 : 0;
          const a = own[0];
          return a ? (a.optionCode ?? a.valueNumber ?? a.valueText) : null;
        };
        return [++no, r.submittedOn, r.mode, r.unitId, r.procedureCode, r.dossierChannel, ...vars.map(cell)];
      });
      out.push(toCsv(rows));
    }
    return out.join('');
  }

  private async workbook(actor: ServerActor, campaignId: string, def: QuestionnaireDefinition, vars: ReturnType<typeof variables>): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const r = await this.results.results(actor, campaignId, undefined);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kết quả', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: 'Câu hỏi', key: 'id', width: 18 },
      { header: 'Nội dung', key: 'text', width: 60 },
      { header: 'Số trả lời', key: 'answered', width: 12 },
      { header: 'Tỷ lệ hài lòng (%)', key: 'pct', width: 18 },
      { header: 'Sai số ±(%)', key: 'moe', width: 14 },
      { header: 'Điểm bình quân có trọng số (%)', key: 'mean', width: 18 },
      { header: 'Phân bố', key: 'dist', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    const pct = (bp: number | null) => (bp === null ? null : bp / 100);
    for (const q of r.questions) {
      ws.addRow({
        id: q.id,
        text: q.text.vi,
        answered: q.answered,
        pct: pct(q.percentSatisfiedBasisPoints),
        moe: pct(q.marginBasisPoints),
        mean: pct(q.weightedMeanBasisPoints),
        dist: q.distribution.map((d) => `${d.label.vi}: ${d.count}`).join('; '),
      });
    }
    ws.addRow({});
    ws.addRow({
      id: 'overall',
      text: 'Chỉ số hài lòng chung',
      answered: r.responses,
      pct: pct(r.overall.indexBasisPoints),
      moe: pct(r.overall.marginBasisPoints),
    });
    const cb = wb.addWorksheet('Codebook');
    for (const row of this.codebook(def, vars)) cb.addRow(row);
    cb.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
