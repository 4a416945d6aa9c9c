import { publishedResult2019SoKhcn } from '@cchc/domain';
import { defaultMetricProviders } from '../app';
import { MetricRegistry } from '../modules/par/metric-registry';
import { AssessmentAccess } from '../modules/par/par-assessment-access';
import { insertAssessment, insertEvidence, insertPublishedResult } from '../modules/par/par-assessment-writes';
import { ParCriteriaService } from '../modules/par/par-criteria.service';
import { ParRepository } from '../modules/par/par.repository';
import type { DemoContext } from './demo-context';
import { UnitTreeRepository } from '../platform/units/unit-tree';

// The PAR index of the demo Department: the province's 2019 departmental criteria set with the published
// 2019 result of Sở KH&CN (reported 80.08, rank 7 of 25; its fields add up to 80.18, so it is flagged), and a
// 2026 set on the same template with the Department's self-assessment under way, for the live projection.

export async function seedPar(ctx: DemoContext): Promise<void> {
  const { trx, units } = ctx;
  const repo = new ParRepository(trx, new UnitTreeRepository(trx));
  // The server's catalogue, so the templates' metric keys are checked as they are on the API.
  const metrics = new MetricRegistry(defaultMetricProviders());
  const access = new AssessmentAccess(trx, repo);
  const criteria = new ParCriteriaService(trx, repo, ctx.audit, ctx.clock, metrics, access);
  const deps = { repo, audit: ctx.audit, clock: ctx.clock, access };
  const province = units.get('province')!;
  const sokhcn = units.get('sokhcn')!;

  const activate = async (id: string) => {
    await trx.updateTable('parCriteriaSets').set({ status: 'active' }).where('id', '=', id).execute();
  };
  const set2019 = await criteria.createIn(trx, null, {
    ownerUnitId: province,
    year: 2019,
    scope: 'department',
    title: 'Bộ chỉ số CCHC cấp sở năm 2019',
    template: '2019_department',
    legalBasisNumber: '673/QĐ-UBND',
    legalBasisDate: '2019-08-30',
  });
  await activate(set2019.id);
  const result = publishedResult2019SoKhcn();
  await insertPublishedResult(
    deps,
    trx,
    null,
    { ...set2019, status: 'active' },
    {
      setId: set2019.id,
      agencyUnitId: sokhcn,
      fields: result.fields.map((f) => ({ code: f.code, score: f.score, ...(f.publishedPercent ? { publishedPercent: f.publishedPercent } : {}) })),
      reportedTotal: result.reportedTotal,
      rank: 7,
      groupSize: 25,
      publishedRef: 'Kết luận của Giám đốc Sở ngày 20/5/2020',
    },
  );

  const set2026 = await criteria.createIn(trx, null, {
    ownerUnitId: province,
    year: 2026,
    scope: 'department',
    title: 'Bộ chỉ số CCHC cấp sở năm 2026',
    template: '2019_department',
  });
  await activate(set2026.id);
  const a = await insertAssessment(deps, trx, null, { ...set2026, status: 'active' }, sokhcn);
  const rows = await repo.criteriaOf(set2026.id);
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  // Who answers for the metric-driven rows of fields 1 and 7, so "points at risk" can name them.
  const responsible: Array<[string, string]> = [
    ['1.1', 'vanphong'],
    ['1.2', 'vanphong'],
    ['1.3', 'vanphong'],
    ['1.4', 'vanphong'],
    ['1.5', 'vanphong'],
    ['7.1', 'qlcn'],
    ['7.2', 'vanphong'],
    ['7.3', 'vanphong'],
  ];
  for (const [code, key] of responsible) {
    await trx
      .updateTable('parCriteria')
      .set({ responsibleUnitId: units.get(key)! })
      .where('id', '=', byCode.get(code)!)
      .execute();
  }
  const scores: Array<[string, number, string | null]> = [
    // Plan issued on time (12/KH-SKHCN); the rest of field 1 scored; 1.2–1.4 wait for the plans and reports data.
    ['1.1', 100, null],
    ['1.5', 550, null],
    ['2', 800, 'Ban hành đầy đủ, đúng hạn các văn bản theo kế hoạch'],
    ['3', 975, null],
    ['7.3', 650, null],
  ];
  for (const [code, value, note] of scores) {
    await trx
      .insertInto('parScores')
      .values({
        assessmentId: a.id,
        criterionId: byCode.get(code)!,
        selfHundredths: value,
        selfNote: note,
        appraisedHundredths: null,
        appraiserComment: null,
        finalHundredths: null,
        notApplicable: 0,
        version: 1,
      })
      .execute();
  }
  // The scores above were written as rows: store the assessment's totals as every write does.
  const loaded = await access.refresh(trx, a.id);
  await insertEvidence(deps, trx, null, loaded, {
    numberSymbol: '12/KH-SKHCN',
    issuedOn: '2026-01-15',
    issuer: 'Sở Khoa học và Công nghệ',
    title: 'Kế hoạch cải cách hành chính năm 2026 của Sở Khoa học và Công nghệ',
    criterionIds: [byCode.get('1.1')!, byCode.get('3')!],
  });
}
