import { marginOfError95, sampleSize } from '@cchc/domain';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { createProcedure } from '../dossiers/dossier.fixtures';
import { SurveyCountsRepository } from './survey-counts.repository';
import { surveyMetricsProvider } from './survey-metrics';
import { insertReturnedDossiers, sipasAnswers } from './survey.fixtures';

const QUARTER = { kind: 'dossiers', from: '2025-10-01', to: '2025-12-31', stratifyBy: 'procedure' } as const;
const txt = (vi: string) => ({ vi, en: vi });

describe.each(engines)('surveys on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let secretary: Caller;
  let make: ReturnType<typeof factories>;
  let procA: string;
  let procB: string;
  let webRoot: string;
  beforeAll(async () => {
    // A built citizen site beside the staff build, so /khao-sat/<token> is served (and 404s) as in production.
    webRoot = mkdtempSync(join(tmpdir(), 'cchc-web-'));
    mkdirSync(join(webRoot, 'dist'));
    mkdirSync(join(webRoot, 'dist-public'));
    writeFileSync(join(webRoot, 'dist', 'index.html'), '<html>staff</html>');
    writeFileSync(join(webRoot, 'dist-public', 'index.html'), '<html>citizen</html>');
    t = await createTestApp(engine, { webDist: join(webRoot, 'dist') });
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    secretary = (await make.actor('par_secretary')).caller;
    procA = await createProcedure(admin, rootId);
    procB = await createProcedure(admin, rootId);
    const db = t.handle.db;
    await insertReturnedDossiers(db, { procedureId: procA, unitId: rootId, count: 60, finishedAt: '2025-11-10T03:00:00.000Z' });
    await insertReturnedDossiers(db, { procedureId: procB, unitId: rootId, count: 40, finishedAt: '2025-12-31T16:59:00.000Z', channel: 'online' });
    // Outside the population: returned the next day (Vietnam time), and not returned at all.
    await insertReturnedDossiers(db, { procedureId: procA, unitId: rootId, count: 5, finishedAt: '2025-12-31T17:00:00.000Z' });
    await insertReturnedDossiers(db, { procedureId: procB, unitId: rootId, count: 5, finishedAt: '2025-11-10T03:00:00.000Z', status: 'refused' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function publishedSipas(by: Caller = secretary): Promise<string> {
    const q = await by.post('/api/surveys/questionnaires', { unitId: rootId, template: 'sipas_service' });
    expect(q.status).toBe(201);
    const p = await by.post(`/api/surveys/questionnaires/${q.body.id}/publish`, { version: q.body.version });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    return q.body.id;
  }

  async function campaign(over: Record<string, unknown> = {}) {
    const res = await secretary.post('/api/surveys/campaigns', {
      unitId: rootId,
      questionnaireId: await publishedSipas(),
      title: 'Khảo sát quý IV',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      population: QUARTER,
      seed: 12345,
      ...over,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('computes the sample size (contract: N = 10,000, e = 5% → 385; e = 0 or N < 0 → 400; signed in only)', async () => {
    expect((await secretary.get('/api/surveys/sample-size?population=10000&margin=0.05')).body).toEqual({ n: 385 });
    expect((await secretary.get('/api/surveys/sample-size?population=10000')).body).toEqual({ n: 385 });
    const zero = await secretary.get('/api/surveys/sample-size?population=10000&margin=0');
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([{ path: 'query.margin', code: 'survey.margin_invalid' }]);
    const neg = await secretary.get('/api/surveys/sample-size?population=-5&margin=0.05');
    expect(neg.status).toBe(400);
    expect(neg.body.errors).toEqual([{ path: 'query.population', code: 'survey.population_invalid' }]);
    expect((await secretary.get('/api/surveys/sample-size?population=10000&margin=0.5')).status).toBe(400);
    expect((await t.anon.get('/api/surveys/sample-size?population=10000&margin=0.05')).status).toBe(401);
  });

  it('builds a questionnaire: publish names the question at fault, a published version is frozen and edits open the next version', async () => {
    const templates = await secretary.get('/api/surveys/templates');
    expect(templates.body.map((x: { key: string }) => x.key)).toEqual(['sipas_service', 'dossier_rating', 'par_officials', 'par_organisations']);
    const created = await secretary.post('/api/surveys/questionnaires', { unitId: rootId, template: 'sipas_service' });
    expect(created.body).toMatchObject({ status: 'draft', versionNo: 1, publishIssues: [], can: { update: true, publish: true } });
    const def = structuredClone(created.body.definition);
    def.sections.push({ id: 'empty', title: txt('Trống'), questions: [] });
    def.sections[0].questions[0].options = [];
    def.sections[1].questions[0].showIf = { questionId: 'result_trips', anyOf: ['1'] };
    const saved = await secretary.put(`/api/surveys/questionnaires/${created.body.id}`, { version: created.body.version, definition: def });
    expect(saved.status).toBe(200);
    expect(saved.body.publishIssues.map((i: { code: string; questionId?: string }) => [i.code, i.questionId ?? null])).toEqual([
      ['survey.choice_without_options', 'access_channel'],
      ['survey.condition_forward', 'procedure_public'],
      ['survey.section_empty', null],
    ]);
    const refused = await secretary.post(`/api/surveys/questionnaires/${created.body.id}/publish`, { version: saved.body.version });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('survey.not_publishable');
    expect(refused.body.errors).toContainEqual({ path: 'definition.sections.0.questions.0.options', code: 'survey.choice_without_options' });
    expect(refused.body.detail.questions).toEqual(['access_channel', 'procedure_public']);
    // Stale version → 409 with the current record.
    const stale = await secretary.put(`/api/surveys/questionnaires/${created.body.id}`, { version: created.body.version, definition: created.body.definition });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current.version).toBe(saved.body.version);
    // A definition of the wrong shape → 400 listing the fields.
    const bad = await secretary.put(`/api/surveys/questionnaires/${created.body.id}`, {
      version: saved.body.version,
      definition: { title: txt('x'), sections: [{ id: 'S 1', title: txt('x'), questions: [{ id: 'q', type: 'likert', text: txt('x'), levels: [] }] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.definition.sections.0.id', 'body.definition.sections.0.questions.0.levels']),
    );

    const fixed = await secretary.put(`/api/surveys/questionnaires/${created.body.id}`, { version: saved.body.version, definition: created.body.definition });
    const published = await secretary.post(`/api/surveys/questionnaires/${created.body.id}/publish`, { version: fixed.body.version });
    expect(published.body).toMatchObject({ status: 'published', can: { publish: false } });
    const edited = structuredClone(published.body.definition);
    edited.title.vi = 'Phiên bản 2';
    const v2 = await secretary.put(`/api/surveys/questionnaires/${created.body.id}`, { version: published.body.version, definition: edited });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ status: 'draft', versionNo: 2, familyId: created.body.familyId, title: 'Phiên bản 2' });
    expect(v2.body.id).not.toBe(created.body.id);
    expect(v2.body.versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect((await secretary.get(`/api/surveys/questionnaires/${created.body.id}`)).body.title).toBe(created.body.title);

    // JSON export → import round trip; a bad document is refused whole.
    const exported = await secretary.get(`/api/surveys/questionnaires/${created.body.id}/export`);
    expect(exported.body.format).toBe('cchc-questionnaire');
    const imported = await secretary.post('/api/surveys/questionnaires/import', { unitId: rootId, document: exported.body });
    expect(imported.status).toBe(201);
    expect(imported.body.definition).toEqual(published.body.definition);
    const badImport = await secretary.post('/api/surveys/questionnaires/import', { unitId: rootId, document: { ...exported.body, formatVersion: 2 } });
    expect(badImport.status).toBe(400);

    const list = await secretary.get('/api/surveys/questionnaires?status=published&q=sipas');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);
  });

  it('scopes questionnaires by unit and role: another division 404, a reading role 403 on writes', async () => {
    const divA = await make.unit();
    const divB = await make.unit();
    const secA = (await make.actor('par_secretary', divA.id)).caller;
    const secB = (await make.actor('par_secretary', divB.id)).caller;
    const q = await secA.post('/api/surveys/questionnaires', { unitId: divA.id, template: 'dossier_rating' });
    expect(q.status).toBe(201);
    expect((await secB.get(`/api/surveys/questionnaires/${q.body.id}`)).status).toBe(404);
    expect((await secB.put(`/api/surveys/questionnaires/${q.body.id}`, { version: 1, definition: q.body.definition })).status).toBe(404);
    expect((await secB.post('/api/surveys/questionnaires', { unitId: divA.id, template: 'dossier_rating' })).status).toBe(403);
    const head = (await make.actor('unit_head', divA.id)).caller;
    expect((await head.get(`/api/surveys/questionnaires/${q.body.id}`)).status).toBe(200);
    expect((await head.post(`/api/surveys/questionnaires/${q.body.id}/publish`, { version: 1 })).status).toBe(403);
    const clerk = (await make.actor('one_stop_officer', divA.id)).caller;
    expect((await clerk.get(`/api/surveys/questionnaires/${q.body.id}`)).status).toBe(403);
  });

  it('draws the sample in the database: N per stratum, n from the formula, proportional allocation, reproducible from the seed', async () => {
    const preview = await secretary.get('/api/surveys/population?from=2025-10-01&to=2025-12-31&stratifyBy=procedure&margin=0.05');
    expect(preview.body.population).toBe(100);
    expect(preview.body.n).toBe(sampleSize(100, 0.05));
    const c = await campaign();
    expect(c).toMatchObject({ population: 100, sampleSize: 80, marginBasisPoints: 500, seed: '12345', status: 'open', anonymous: true, responses: 0 });
    const byKey = Object.fromEntries(c.strata.map((s: { key: string }) => [s.key, s]));
    expect(byKey[procA]).toMatchObject({ population: 60, allocated: 48, invited: 48, answered: 0, responseRateBasisPoints: 0 });
    expect(byKey[procB]).toMatchObject({ population: 40, allocated: 32, invited: 32 });
    const inv = await secretary.get(`/api/surveys/campaigns/${c.id}/invitations?pageSize=100`);
    expect(inv.body.total).toBe(80);
    const names = inv.body.items.map((i: { respondentName: string }) => i.respondentName);
    expect(new Set(names).size).toBe(80);
    // The same seed draws the same people; another seed draws others.
    const again = await campaign();
    const names2 = (await secretary.get(`/api/surveys/campaigns/${again.id}/invitations?pageSize=100`)).body.items.map(
      (i: { respondentName: string }) => i.respondentName,
    );
    expect(names2).toEqual(names);
    const other = await campaign({ seed: 999 });
    const names3 = (await secretary.get(`/api/surveys/campaigns/${other.id}/invitations?pageSize=100`)).body.items.map(
      (i: { respondentName: string }) => i.respondentName,
    );
    expect(names3).not.toEqual(names);
    // A replacement comes from outside the sample, from the same stratum.
    const first = inv.body.items.find((i: { stratumKey: string }) => i.stratumKey === procB);
    const rep = await secretary.post(`/api/surveys/campaigns/${c.id}/invitations/${first.id}/replace`);
    expect(rep.status).toBe(201);
    expect(rep.body).toMatchObject({ stratumKey: procB, drawNo: 32, status: 'selected' });
    expect(names).not.toContain(rep.body.respondentName);
    const after = await secretary.get(`/api/surveys/campaigns/${c.id}`);
    expect(after.body.strata.find((s: { key: string }) => s.key === procB)).toMatchObject({ invited: 32, replaced: 1 });
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/invitations/${first.id}/replace`)).status).toBe(409);
  });

  it('refuses a campaign on an empty population, a bad margin or an unpublished questionnaire', async () => {
    const qid = await publishedSipas();
    const base = { unitId: rootId, questionnaireId: qid, title: 'x', opensOn: '2026-03-01', closesOn: '2026-03-31' };
    const empty = await secretary.post('/api/surveys/campaigns', { ...base, population: { ...QUARTER, from: '2024-01-01', to: '2024-03-31' } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: 'body.population', code: 'survey.population_empty' }]);
    const margin = await secretary.post('/api/surveys/campaigns', { ...base, margin: 0.5, population: QUARTER });
    expect(margin.body.errors).toEqual([{ path: 'body.margin', code: 'survey.margin_invalid' }]);
    const draft = await secretary.post('/api/surveys/questionnaires', { unitId: rootId, template: 'sipas_service' });
    const unpublished = await secretary.post('/api/surveys/campaigns', { ...base, questionnaireId: draft.body.id, population: QUARTER });
    expect(unpublished.body.errors).toEqual([{ path: 'body.questionnaireId', code: 'survey.questionnaire_not_published' }]);
    expect((await secretary.get('/api/surveys/campaigns?status=open')).body.total).toBeGreaterThan(0);
  });

  const answers = sipasAnswers;

  it('answers by a one-time link: errors name the question, a second submission is 409, unknown and closed links 404', async () => {
    const c = await campaign();
    const links = await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {});
    expect(links.body.items).toHaveLength(80);
    const [l1, l2] = links.body.items;
    expect(l1.url).toMatch(/\/khao-sat\/[A-Za-z0-9_-]{32}$/);
    // Links are given once: a second call issues nothing new.
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items).toHaveLength(0);

    const form = await t.anon.get(`/api/public/surveys/${l1.token}`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ campaignTitle: 'Khảo sát quý IV', anonymous: true, closesOn: '2026-03-31' });
    expect((await t.app.inject({ method: 'GET', url: `/khao-sat/${l1.token}` })).statusCode).toBe(200);

    const bad = await t.anon.post(`/api/public/surveys/${l1.token}`, {
      answers: answers('4', { result_trips: 'hai', access_place: '7', result_apology: 'yes' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'body.answers.access_place', code: 'survey.answer_unknown_option' },
      { path: 'body.answers.result_trips', code: 'survey.answer_type' },
      { path: 'body.answers.result_apology', code: 'survey.answer_hidden' },
    ]);
    const missing = await t.anon.post(`/api/public/surveys/${l1.token}`, { answers: answers('4', { result_on_time: 'no' }) });
    expect(missing.body.errors).toEqual([{ path: 'body.answers.result_apology', code: 'survey.answer_required' }]);

    expect((await t.anon.post(`/api/public/surveys/${l1.token}`, { answers: answers('4') })).status).toBe(201);
    const twice = await t.anon.post(`/api/public/surveys/${l1.token}`, { answers: answers('5') });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('survey.already_answered');
    expect((await t.anon.get(`/api/public/surveys/${l1.token}`)).status).toBe(409);

    const unknown = await t.anon.get('/api/public/surveys/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('survey.link_not_found');
    const page = await t.app.inject({ method: 'GET', url: '/khao-sat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('citizen');

    const detail = await secretary.get(`/api/surveys/campaigns/${c.id}`);
    expect(detail.body.responses).toBe(1);
    const closed = await secretary.post(`/api/surveys/campaigns/${c.id}/close`, { version: detail.body.version });
    expect(closed.body.status).toBe('closed');
    expect((await t.anon.get(`/api/public/surveys/${l2.token}`)).status).toBe(404);
    expect((await t.anon.post(`/api/public/surveys/${l2.token}`, { answers: answers('4') })).status).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/khao-sat/${l2.token}` })).statusCode).toBe(404);
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).status).toBe(409);
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/close`, { version: detail.body.version })).status).toBe(409);
  });

  it('keeps an anonymous response unlinkable: no token, invitation, dossier or respondent, only the day (read from the tables)', async () => {
    const c = await campaign();
    const links = (await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items;
    t.clock.set('2026-03-05T03:17:42.123Z');
    for (const l of links.slice(0, 3))
      expect((await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers('5', { comment: 'Cảm ơn' }) })).status).toBe(201);
    t.clock.set('2026-03-02T02:00:00.000Z');
    const db = t.handle.db;
    const responses = await db.selectFrom('surveyResponses').selectAll().where('campaignId', '=', c.id).execute();
    expect(responses).toHaveLength(3);
    const invitations = await db.selectFrom('surveyInvitations').selectAll().where('campaignId', '=', c.id).execute();
    const used = invitations.filter((i) => i.used === 1);
    expect(used).toHaveLength(3);
    const secrets = new Set(invitations.flatMap((i) => [i.id, i.dossierId, i.tokenHash, i.respondentName, i.respondentEmail]).filter(Boolean));
    for (const l of links) secrets.add(l.token);
    for (const r of responses) {
      expect(r.invitationId).toBeNull();
      expect(r.enteredBy).toBeNull();
      expect(r.submittedOn).toBe('2026-03-05');
      for (const v of Object.values(r)) expect(secrets.has(v as string), `response column holds ${String(v)}`).toBe(false);
    }
    // The invitation keeps no time of use, so the day cannot be matched either.
    for (const i of used) expect(i.usedOn).toBeNull();
    const answersRows = await db.selectFrom('surveyAnswers').selectAll().where('campaignId', '=', c.id).execute();
    for (const a of answersRows) for (const v of Object.values(a)) expect(secrets.has(v as string)).toBe(false);
    // Nothing in the audit log ties a token or invitation to the submission.
    const audit = await db.selectFrom('auditLog').select(['after']).where('at', '>=', '2026-03-05T00:00:00.000Z').execute();
    expect(audit).toHaveLength(0);
    // A named campaign says who answered.
    const named = await campaign({ anonymous: false });
    const nl = (await secretary.post(`/api/surveys/campaigns/${named.id}/links`, {})).body.items[0];
    expect((await t.anon.get(`/api/public/surveys/${nl.token}`)).body.anonymous).toBe(false);
    expect((await t.anon.post(`/api/public/surveys/${nl.token}`, { answers: answers('3') })).status).toBe(201);
    const nr = await db.selectFrom('surveyResponses').selectAll().where('campaignId', '=', named.id).executeTakeFirstOrThrow();
    expect(nr.invitationId).toBe(nl.invitationId);
  });

  it('computes results in SQL: distributions, % satisfied with margin, elements, breakdown with suppression, free text, exports', async () => {
    const c = await campaign();
    const links = (await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items as Array<{ token: string; stratumKey: string }>;
    const a = links.filter((l) => l.stratumKey === procA).slice(0, 6);
    const b = links.filter((l) => l.stratumKey === procB).slice(0, 2);
    const levels = ['5', '4', '4', '3', '2', '5'];
    for (const [i, l] of a.entries())
      expect(
        (await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers(levels[i]!, { comment: i === 0 ? 'Thủ tục nhanh' : undefined }) })).status,
      ).toBe(201);
    for (const l of b) expect((await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers('1', { result_trips: 3 }) })).status).toBe(201);
    const r = await secretary.get(`/api/surveys/campaigns/${c.id}/results?by=procedure`);
    expect(r.status).toBe(200);
    expect(r.body.responses).toBe(8);
    const place = r.body.questions.find((q: { id: string }) => q.id === 'access_place');
    // 4 of 8 satisfied (5, 4, 4, 5) → 50 %; margin 1.96·√(.25/8)·√((100−8)/99) = 33.40 points.
    expect(place).toMatchObject({ answered: 8, percentSatisfiedBasisPoints: 5000, marginBasisPoints: 3340 });
    expect(place.distribution.map((d: { count: number }) => d.count)).toEqual([2, 1, 1, 2, 2]);
    // Weighted mean of the levels (0, 25, 50, 75, 100): (0·2 + 25 + 50 + 75·2 + 100·2) / 8 = 53.13 %.
    expect(place.weightedMeanBasisPoints).toBe(5313);
    expect(r.body.questions.find((q: { id: string }) => q.id === 'result_trips').number).toEqual({ count: 8, meanHundredths: 150, min: 1, max: 3 });
    // Feedback handling is only asked of those who gave feedback: no answers, no index (not a zero).
    expect(r.body.elements.map((e: { element: string; indexBasisPoints: number | null }) => [e.element, e.indexBasisPoints])).toEqual([
      ['access', 5000],
      ['procedure', 5000],
      ['civil_servant', 5000],
      ['result', 5000],
      ['feedback', null],
    ]);
    expect(r.body.elements[0].indexBasisPoints).toBe(5000);
    // Each element's margin (the error bar of the chart) is that of its index over the 8 responses of 100.
    expect(r.body.elements[0].marginBasisPoints).toBe(3340);
    expect(r.body.elements[4].marginBasisPoints).toBeNull();
    expect(r.body.aspects.find((a: { aspect: string }) => a.aspect === 'satisfaction')).toMatchObject({ indexBasisPoints: 5000, marginBasisPoints: 3340 });
    expect(r.body.overall.indexBasisPoints).toBe(5000);
    expect(r.body.expectations[0]).toMatchObject({ code: 'procedure', count: 8 });
    const groups = r.body.breakdown.groups;
    const gA = groups.find((g: { key: string }) => g.key === groups.find((x: { suppressed: boolean }) => !x.suppressed)?.key);
    expect(gA).toMatchObject({ responses: 6, suppressed: false, indexBasisPoints: 6667 });
    expect(groups.find((g: { suppressed: boolean }) => g.suppressed)).toMatchObject({ responses: null, indexBasisPoints: null });
    const texts = await secretary.get(`/api/surveys/campaigns/${c.id}/texts?questionId=comment&q=nhanh`);
    expect(texts.body).toMatchObject({ items: ['Thủ tục nhanh'], total: 1 });

    const csv = await secretary.get(`/api/surveys/campaigns/${c.id}/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.raw
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toContain('access_channel_web');
    const codebook = (await secretary.get(`/api/surveys/campaigns/${c.id}/export?format=codebook`)).raw.toString('utf8');
    expect(codebook).toContain('access_place,');
    const xlsx = await secretary.get(`/api/surveys/campaigns/${c.id}/export?format=xlsx`);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const viewer = (await make.actor('viewer')).caller;
    expect((await viewer.get(`/api/surveys/campaigns/${c.id}/results`)).status).toBe(200);
    expect((await viewer.post(`/api/surveys/campaigns/${c.id}/links`, {})).status).toBe(403);

    // The counts each submission (web and paper) added equal a recount of the stored answers.
    const first = await secretary.post(`/api/surveys/campaigns/${c.id}/paper-responses`, {
      answers: answers('2', { result_trips: 7 }),
      respondentGroup: 'officials',
    });
    expect(first.status).toBe(201);
    const checker = (await make.actor('par_secretary')).caller;
    expect(
      (await checker.post(`/api/surveys/campaigns/${c.id}/paper-entries/${first.body.id}/confirm`, { answers: answers('2', { result_trips: 7 }), version: 1 }))
        .status,
    ).toBe(200);
    const db = t.handle.db;
    const read = () =>
      db
        .selectFrom('surveyCounts')
        .select(['dim', 'dimValue', 'questionId', 'optionCode', 'n', 'valueSum', 'valueMin', 'valueMax'])
        .where('campaignId', '=', c.id)
        .orderBy(['dim', 'dimValue', 'questionId', 'optionCode'])
        .execute();
    const kept = await read();
    expect(kept.find((k) => k.dim === 'group' && k.dimValue === 'officials' && k.questionId === '')).toMatchObject({ n: 1 });
    expect(kept.find((k) => k.dim === 'mode' && k.dimValue === 'web' && k.questionId === 'result_trips' && k.optionCode === '')).toMatchObject({
      n: 8,
      valueSum: 12,
      valueMin: 1,
      valueMax: 3,
    });
    await new SurveyCountsRepository(db, engine).rebuild(db, c.id);
    expect((await read()).map((k) => ({ ...k, n: Number(k.n), valueSum: k.valueSum === null ? null : Number(k.valueSum) }))).toEqual(
      kept.map((k) => ({ ...k, n: Number(k.n), valueSum: k.valueSum === null ? null : Number(k.valueSum) })),
    );
    const after = await secretary.get(`/api/surveys/campaigns/${c.id}/results`);
    expect(after.body.responses).toBe(9);
    expect(after.body.questions.find((q: { id: string }) => q.id === 'result_trips').number).toEqual({
      count: 9,
      meanHundredths: Math.round(1900 / 9),
      min: 1,
      max: 7,
    });
  });

  it('publishes the latest campaign of the period as PAR metrics (overall and per element), with the weakest element as hint', async () => {
    const c = await campaign({ closesOn: '2026-04-30' });
    const links = (await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items as Array<{ token: string }>;
    for (const [i, l] of links.slice(0, 4).entries())
      expect((await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers('5', { servant_attitude: i < 2 ? '1' : '4' }) })).status).toBe(201);
    const m = await surveyMetricsProvider.compute(t.handle.db, { unitIds: [rootId], from: '2026-01-01', to: '2026-12-31', today: '2026-03-02' });
    expect(m.get('surveys.responses')?.input).toEqual({ kind: 'count', value: 4 });
    // civil_servant: attitude 50 %, guidance 100 % → 75 %; the other elements 100 %; overall (100·3 + 75) / 4.
    expect(m.get('surveys.satisfaction_index.civil_servant')?.input).toEqual({ kind: 'share', basisPoints: 7500 });
    expect(m.get('surveys.satisfaction_index')).toEqual({
      input: { kind: 'share', basisPoints: 9375 },
      hint: {
        code: 'surveys.weakest_element',
        params: {
          indexBasisPoints: 9375,
          responses: 4,
          marginBasisPoints: marginOfError95(9375, 4, 100),
          element: 'civil_servant',
          basisPoints: 7500,
          nextElement: 'access',
          nextBasisPoints: 10_000,
        },
      },
    });
    expect((await surveyMetricsProvider.compute(t.handle.db, { unitIds: [rootId], from: '2025-01-01', to: '2025-12-31', today: '2026-03-02' })).size).toBe(0);
  });

  it("moves the 2019 template's survey field (36 × index) with the campaign's answers, with the margin and the weakest elements as the hint", async () => {
    const set = await admin.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2026, title: 'Bộ chỉ số 2026', template: '2019_department' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.body.nodes.find((n: { code: string }) => n.code === '8')).toMatchObject({ metric: 'surveys.satisfaction_index', rule: { kind: 'survey' } });
    expect((await admin.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version })).status).toBe(200);
    const a = await admin.post('/api/par/assessments', { setId: set.body.id, agencyUnitId: rootId });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const field8 = async () => {
      const p = await admin.get(`/api/par/assessments/${a.body.id}/projection`);
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      return { field: p.body.fields.find((f: { code: string }) => f.code === '8'), row: p.body.atRisk.find((r: { code: string }) => r.code === '8') };
    };
    // The latest campaign of the year (it closes last), still without answers: field 8 has no data.
    const c = await campaign({ closesOn: '2026-06-30' });
    const before = await field8();
    expect(before.field.projectedHundredths).toBeNull();
    expect(before.row).toMatchObject({ source: 'unknown', projectedHundredths: null });
    const links = (await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items as Array<{ token: string }>;
    for (const l of links.slice(0, 2)) expect((await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers('5') })).status).toBe(201);
    const full = await field8();
    expect(full.field.projectedHundredths).toBe(3600);
    expect(full.row).toMatchObject({ source: 'data', projectedHundredths: 3600, atRiskHundredths: 0, metricValue: { kind: 'share', basisPoints: 10_000 } });
    // Two unhappy answers on the civil servant and the result: the share and the points drop.
    for (const l of links.slice(2, 4))
      expect(
        (await t.anon.post(`/api/public/surveys/${l.token}`, { answers: answers('5', { servant_attitude: '1', servant_guidance: '2', result_content: '1' }) }))
          .status,
      ).toBe(201);
    const after = await field8();
    const share = after.row.metricValue.basisPoints as number;
    expect(share).toBeLessThan(10_000);
    expect(after.field.projectedHundredths).toBe(Math.round((3600 * share) / 10_000));
    expect(after.row).toMatchObject({
      source: 'data',
      responsibleUnitId: null,
      metric: 'surveys.satisfaction_index',
      hint: { code: 'surveys.weakest_element', params: { responses: 4, indexBasisPoints: share, element: 'civil_servant' } },
    });
    expect(after.row.hint.params.marginBasisPoints).toBe(marginOfError95(share, 4, 100));
    expect(after.row.atRiskHundredths).toBe(3600 - after.field.projectedHundredths);
  });

  it('publishes the per-dossier ratings as a continuous index on the same elements', async () => {
    const db = t.handle.db;
    const ids = await insertReturnedDossiers(db, { procedureId: procA, unitId: rootId, count: 4, finishedAt: '2026-02-10T03:00:00.000Z' });
    const scores = [{ ease: 5, attitude: 4, timeliness: 2 }, { ease: 4, attitude: 1 }, { ease: 2 }, {}];
    await db
      .insertInto('dossierRatings')
      .values(
        ids.map((dossierId, i) => ({
          dossierId,
          unitId: rootId,
          scores: JSON.stringify(scores[i]),
          overall: [5, 4, 3, 1][i]!,
          comment: null,
          createdAt: `2026-02-1${i}T03:00:00.000Z`,
        })),
      )
      .execute();
    const m = await surveyMetricsProvider.compute(db, { unitIds: [rootId], from: '2026-01-01', to: '2026-03-02', today: '2026-03-02' });
    expect(m.get('surveys.rating_index')?.input).toEqual({ kind: 'share', basisPoints: 5000 });
    expect(m.get('surveys.rating_index.procedure')?.input).toEqual({ kind: 'share', basisPoints: 6667 });
    expect(m.get('surveys.rating_index.civil_servant')?.input).toEqual({ kind: 'share', basisPoints: 5000 });
    expect(m.get('surveys.rating_index.result')?.input).toEqual({ kind: 'share', basisPoints: 0 });
    expect(m.has('surveys.rating_index.access')).toBe(false);
    expect(
      (await surveyMetricsProvider.compute(db, { unitIds: [rootId], from: '2026-02-12', to: '2026-03-02', today: '2026-03-02' })).get('surveys.rating_index')
        ?.input,
    ).toEqual({ kind: 'share', basisPoints: 0 });
  });

  it('flags duplicates (same answers, same campaign, within a day) without keeping who answered; results count the flags and can leave them out', async () => {
    const c = await campaign();
    const links = (await secretary.post(`/api/surveys/campaigns/${c.id}/links`, {})).body.items;
    for (const [i, a] of [answers('4'), answers('4', { expectation: ['procedure'] }), answers('2')].entries())
      expect((await t.anon.post(`/api/public/surveys/${links[i].token}`, { answers: a })).status).toBe(201);
    const rows = await t.handle.db.selectFrom('surveyResponses').selectAll().where('campaignId', '=', c.id).orderBy('flags').execute();
    expect(rows.map((r) => [r.quality, r.flags])).toEqual([
      ['ok', ''],
      ['ok', ''],
      ['flagged', 'duplicate'],
    ]);
    // The hash is of the answers alone: the two equal answers share it, nothing ties it to a link.
    expect(rows[2]!.invitationId).toBeNull();
    expect(rows.filter((r) => r.answersHash === rows[2]!.answersHash)).toHaveLength(2);
    const all = await secretary.get(`/api/surveys/campaigns/${c.id}/results`);
    expect(all.body.responses).toBe(3);
    expect(all.body.quality).toEqual({ flagged: 1, straightLine: 0, duplicate: 1, tooFast: 0, excluded: false });
    const kept = await secretary.get(`/api/surveys/campaigns/${c.id}/results?excludeFlagged=true`);
    expect(kept.body.responses).toBe(2);
    expect(kept.body.quality.excluded).toBe(true);
    const place = (r: { body: { questions: Array<{ id: string; answered: number }> } }) => r.body.questions.find((q) => q.id === 'access_place')!.answered;
    expect([place(all), place(kept)]).toEqual([3, 2]);
    expect((await secretary.get(`/api/surveys/campaigns/${c.id}/results?excludeFlagged=yes`)).status).toBe(400);
    // Too fast: under the campaign's minimum (60 s by default) as measured by the answering page; the time itself is not kept.
    expect(c.minDurationSeconds).toBe(60);
    expect((await t.anon.post(`/api/public/surveys/${links[3].token}`, { answers: answers('1'), durationSeconds: 59 })).status).toBe(201);
    expect((await t.anon.post(`/api/public/surveys/${links[4].token}`, { answers: answers('3'), durationSeconds: 60 })).status).toBe(201);
    expect((await secretary.get(`/api/surveys/campaigns/${c.id}/results`)).body.quality).toMatchObject({ flagged: 2, tooFast: 1 });
    const off = await campaign({ minDurationSeconds: 0 });
    const offLink = (await secretary.post(`/api/surveys/campaigns/${off.id}/links`, {})).body.items[0];
    expect((await t.anon.post(`/api/public/surveys/${offLink.token}`, { answers: answers('1'), durationSeconds: 1 })).status).toBe(201);
    expect((await secretary.get(`/api/surveys/campaigns/${off.id}/results`)).body.quality.flagged).toBe(0);
    // The kept counts (with the quality dimension) equal a recount of the stored answers.
    const db = t.handle.db;
    const read = () =>
      db
        .selectFrom('surveyCounts')
        .selectAll()
        .where('campaignId', '=', c.id)
        .where('dim', '=', 'quality')
        .orderBy(['dimValue', 'questionId', 'optionCode'])
        .execute();
    const before = await read();
    await db.transaction().execute((trx) => new SurveyCountsRepository(trx, engine).rebuild(trx, c.id));
    expect(await read()).toEqual(before);
  });

  it('enters a paper form twice: the first keying counts nowhere, a second person re-keys it, differences are shown, only confirmed forms count', async () => {
    const c = await campaign();
    const responses = () => t.handle.db.selectFrom('surveyResponses').selectAll().where('campaignId', '=', c.id).execute();
    const bad = await secretary.post(`/api/surveys/campaigns/${c.id}/paper-responses`, { answers: answers('4', { result_trips: -1 }) });
    expect(bad.body.errors).toEqual([{ path: 'body.answers.result_trips', code: 'survey.answer_out_of_range' }]);
    const first = await secretary.post(`/api/surveys/campaigns/${c.id}/paper-responses`, { answers: answers('4'), respondentGroup: 'citizens' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', version: 1 });
    // Pending: not a response, not counted in the results.
    expect(await responses()).toHaveLength(0);
    expect((await secretary.get(`/api/surveys/campaigns/${c.id}/results`)).body.responses).toBe(0);
    const list = await secretary.get(`/api/surveys/campaigns/${c.id}/paper-entries`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: first.body.id, respondentGroup: 'citizens', version: 1 });
    expect(list.body.items[0]).not.toHaveProperty('answers');

    const url = `/api/surveys/campaigns/${c.id}/paper-entries/${first.body.id}/confirm`;
    // The person who keyed the form cannot confirm it.
    const self = await secretary.post(url, { answers: answers('4'), version: 1 });
    expect([self.status, self.body.code]).toEqual([409, 'survey.paper_same_person']);
    const checker = (await make.actor('par_secretary')).caller;
    // The second keying is checked like the first.
    const invalid = await checker.post(url, { answers: answers('4', { result_trips: 'x' }), version: 1 });
    expect(invalid.status).toBe(400);
    // Two answers keyed differently (multiple choice order does not matter): 409 listing them, nothing written.
    const second = answers('4', { access_place: '3', expectation: ['procedure'], result_trips: 2 });
    const differ = await checker.post(url, { answers: second, version: 1 });
    expect([differ.status, differ.body.code]).toEqual([409, 'survey.paper_entries_differ']);
    expect(differ.body.errors).toEqual([
      { path: 'body.answers.access_place', code: 'survey.paper_answer_differs' },
      { path: 'body.answers.result_trips', code: 'survey.paper_answer_differs' },
    ]);
    expect(differ.body.detail.differences).toEqual([
      { questionId: 'access_place', first: '4', second: '3' },
      { questionId: 'result_trips', first: 1, second: 2 },
    ]);
    expect(await responses()).toHaveLength(0);
    const stale = await checker.post(url, { answers: second, version: 2, acceptSecond: true });
    expect([stale.status, stale.body.code]).toEqual([409, 'survey.stale_version']);
    // Checked against the paper: the second keying is right and is the one that counts.
    const ok = await checker.post(url, { answers: second, version: 1, acceptSecond: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.differences).toHaveLength(2);
    const rows = await responses();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mode: 'paper', respondentGroup: 'citizens', invitationId: null });
    expect(rows[0]!.enteredBy).not.toBeNull();
    const trips = await t.handle.db
      .selectFrom('surveyAnswers')
      .select('valueNumber')
      .where('responseId', '=', rows[0]!.id)
      .where('questionId', '=', 'result_trips')
      .executeTakeFirstOrThrow();
    expect(trips.valueNumber).toBe(2);
    const entry = await t.handle.db.selectFrom('surveyPaperEntries').selectAll().where('id', '=', first.body.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ status: 'confirmed', answers: null });
    expect((await checker.post(url, { answers: second, version: 2 })).body.code).toBe('survey.paper_entry_confirmed');
    expect((await secretary.get(`/api/surveys/campaigns/${c.id}/paper-entries`)).body.total).toBe(0);
    const r = await secretary.get(`/api/surveys/campaigns/${c.id}/results?by=mode`);
    expect(r.body.responses).toBe(1);
    expect(r.body.breakdown.groups).toEqual([{ key: 'paper', label: 'paper', responses: null, suppressed: true, indexBasisPoints: null }]);

    // Equal keyings confirm at once.
    const again = await secretary.post(`/api/surveys/campaigns/${c.id}/paper-responses`, { answers: answers('5') });
    const same = await checker.post(`/api/surveys/campaigns/${c.id}/paper-entries/${again.body.id}/confirm`, {
      answers: answers('5', { expectation: ['procedure'] }),
      version: 1,
    });
    expect(same.body).toEqual({ status: 'confirmed', differences: [] });
    expect(await responses()).toHaveLength(2);
    expect((await checker.post(`/api/surveys/campaigns/${c.id}/paper-entries/nope/confirm`, { answers: answers('5'), version: 1 })).status).toBe(404);

    const viewer = (await make.actor('viewer')).caller;
    expect((await viewer.post(`/api/surveys/campaigns/${c.id}/paper-responses`, { answers: answers('4') })).status).toBe(403);
    expect((await viewer.get(`/api/surveys/campaigns/${c.id}/paper-entries`)).status).toBe(403);
    expect((await viewer.post(url, { answers: second, version: 2 })).status).toBe(403);
  });
});
