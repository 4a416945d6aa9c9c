import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { createProcedure } from '../dossiers/dossier.fixtures';
import { insertReturnedDossiers, sipasAnswers } from './survey.fixtures';

// E-mail invitations and reminders (docs/surveys.md "E-mail invitations and reminders"): through the
// notification outbox to a real SMTP server in-process; the outbox never holds a usable link.

const LINK = /\/khao-sat\/([A-Za-z0-9_-]{20,})/;

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(engines)('survey e-mail invitations on %s', (engine) => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let admin: Caller;
  let rootId: string;
  let secretary: Caller & { cookie: string };
  let procId: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(engine, { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: 'cchc@example.gov.vn' });
    ({ admin, rootId } = await t.setup());
    secretary = (await factories(t, admin, rootId).actor('par_secretary')).caller;
    procId = await createProcedure(admin, rootId);
  });
  // Each test starts on the campaigns' first days, signed in (a test that moves the clock may leave the sessions expired).
  beforeEach(async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    secretary = (await factories(t, admin, rootId).actor('par_secretary')).caller;
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  /** A campaign over `count` returned dossiers of a fresh period (every one drawn), `noEmail` of them without an address. */
  let period = 0;
  async function campaign(count: number, noEmail: number) {
    const month = String(++period).padStart(2, '0');
    await insertReturnedDossiers(t.handle.db, {
      procedureId: procId,
      unitId: rootId,
      count,
      finishedAt: `2025-${month}-10T03:00:00.000Z`,
      email: (i) => (i < noEmail ? null : `nguoi.${month}.${i}@example.vn`),
    });
    const q = await secretary.post('/api/surveys/questionnaires', { unitId: rootId, template: 'sipas_service' });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    await secretary.post(`/api/surveys/questionnaires/${q.body.id}/publish`, { version: q.body.version });
    const res = await secretary.post('/api/surveys/campaigns', {
      unitId: rootId,
      questionnaireId: q.body.id,
      title: `Khảo sát tháng ${month}`,
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      margin: 0.01,
      population: { kind: 'dossiers', from: `2025-${month}-01`, to: `2025-${month}-28`, stratifyBy: 'procedure' },
      seed: 7,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sampleSize).toBe(count);
    return res.body as { id: string; version: number; title: string };
  }
  const mailsTo = (title: string) => smtp.received.filter((m) => m.headers.subject?.includes(title));
  const tokenOf = (text: string) => LINK.exec(text)![1]!;
  const outbox = (campaignId: string) =>
    t.handle.db
      .selectFrom('notifications as n')
      .innerJoin('surveyInvitations as i', 'i.id', 'n.entityId')
      .select(['n.templateKey', 'n.status', 'n.error', 'n.body', 'n.recipient', 'i.id as invitationId'])
      .where('i.campaignId', '=', campaignId)
      .where('n.entityKind', '=', 'survey_invitation')
      .execute();

  it('e-mails each drawn respondent once with a link minted at send time; the outbox keeps no token; reminders go to those who have not answered', async () => {
    const c = await campaign(6, 2);
    const res = await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version, remindOn: '2026-03-09' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ queued: 4, withoutEmail: 2, remindOn: '2026-03-09' });
    await until('4 invitations', () => mailsTo(c.title).length === 4);
    const invitations = mailsTo(c.title);
    expect(invitations.every((m) => m.headers.subject === `Mời tham gia khảo sát: ${c.title}`)).toBe(true);
    expect(invitations[0]!.text).toContain('đến hết ngày 31/03/2026');
    const tokens = invitations.map((m) => tokenOf(m.text));
    expect(new Set(tokens).size).toBe(4);
    // The outbox rows are sent and hold the placeholder, never the link that went out.
    await until('rows marked sent', async () => (await outbox(c.id)).every((r) => r.status === 'sent'));
    const rows = await outbox(c.id);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.body).toContain('{{survey_link}}');
      for (const tok of tokens) expect(r.body).not.toContain(tok);
    }
    for (const tok of tokens) expect((await t.anon.get(`/api/public/surveys/${tok}`)).status).toBe(200);
    // Once per invitation: a second call queues nothing.
    const again = await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version });
    expect(again.body).toEqual({ queued: 0, withoutEmail: 2, remindOn: null });

    // One citizen answers; on the reminder day the other three are reminded with a fresh link, which replaces the old one.
    expect((await t.anon.post(`/api/public/surveys/${tokens[0]}`, { answers: sipasAnswers('4') })).status).toBe(201);
    // The live response rate of the stratum.
    const view = await secretary.get(`/api/surveys/campaigns/${c.id}`);
    expect(view.body.strata[0]).toMatchObject({ invited: 6, answered: 1, responseRateBasisPoints: Math.round(10_000 / 6) });
    t.clock.set('2026-03-09T01:00:00.000Z');
    await t.runScheduler();
    await until('3 reminders', () => mailsTo(c.title).length === 7);
    const reminders = mailsTo(c.title).filter((m) => m.headers.subject === `Nhắc tham gia khảo sát: ${c.title}`);
    expect(reminders.map((m) => m.rcptTo[0]).sort()).toEqual(
      invitations
        .slice(1)
        .map((m) => m.rcptTo[0])
        .sort(),
    );
    const fresh = tokenOf(reminders[0]!.text);
    const old = tokens[invitations.findIndex((m) => m.rcptTo[0] === reminders[0]!.rcptTo[0])]!;
    expect((await t.anon.get(`/api/public/surveys/${fresh}`)).status).toBe(200);
    expect((await t.anon.get(`/api/public/surveys/${old}`)).status).toBe(404);
    // The same job run again (a retry) sends nothing twice.
    await t.runScheduler();
    expect((await outbox(c.id)).filter((r) => r.templateKey === 'survey.reminder')).toHaveLength(3);
  });

  it('closing the campaign withdraws queued e-mails and stops its reminders', async () => {
    const c = await campaign(3, 0);
    await smtp.stop(); // the mail server is down: the invitations wait in the outbox
    const res = await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version, remindOn: '2026-03-10' });
    expect(res.body.queued).toBe(3);
    await until('failed attempts', async () => (await outbox(c.id)).every((r) => r.status === 'failed'));
    const closed = await secretary.post(`/api/surveys/campaigns/${c.id}/close`, { version: c.version });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await outbox(c.id)).map((r) => [r.status, r.error])).toEqual(Array(3).fill(['skipped', 'survey.campaign_closed']));
    await smtp.start(smtp.port);
    // A closed campaign takes no more invitations.
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: closed.body.version })).body.code).toBe(
      'survey.campaign_closed',
    );
    t.clock.set('2026-03-10T02:00:00.000Z');
    expect((await t.runScheduler()).failed).toBe(0);
    expect(await outbox(c.id)).toHaveLength(3);
    expect(mailsTo(c.title)).toHaveLength(0);
    // A closed campaign takes no more invitations.
  });

  it('refuses a reminder day outside the campaign, a stale version, and a reader', async () => {
    const c = await campaign(2, 0);
    const bad = await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version, remindOn: '2026-04-02' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'body.remindOn', code: 'survey.remind_on_invalid' }]);
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version + 1 })).status).toBe(409);
    const viewer = (await factories(t, admin, rootId).actor('viewer')).caller;
    expect((await viewer.post(`/api/surveys/campaigns/${c.id}/email-invitations`, { version: c.version })).status).toBe(403);
    expect(await outbox(c.id)).toHaveLength(0);
  });

  it('imports a list of officials and organisations all or nothing (errors with row and column), one stratum per group, then e-mails them', async () => {
    const q = await secretary.post('/api/surveys/questionnaires', { unitId: rootId, template: 'par_officials' });
    await secretary.post(`/api/surveys/questionnaires/${q.body.id}/publish`, { version: q.body.version });
    const created = await secretary.post('/api/surveys/campaigns', {
      unitId: rootId,
      questionnaireId: q.body.id,
      title: 'Khảo sát cán bộ 2026',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      anonymous: false,
      population: { kind: 'list' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const sheet = async (rows: unknown[][], header = ['STT', 'Họ và tên', 'Chức vụ, đơn vị', 'E-mail', 'Nhóm']) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Danh sách');
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const send = async (data: Buffer, as: { cookie: string } = secretary) => {
      const m = multipart('danh-sach.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/surveys/campaigns/${id}/respondents`,
        headers: { cookie: as.cookie, 'content-type': m.contentType },
        payload: m.body,
      });
      return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> & { errors?: unknown[] } };
    };
    const bad = await send(
      await sheet([
        [1, 'Nguyễn Văn An', 'Trưởng phòng, Phòng Nội vụ', 'an@example.vn', 'Lãnh đạo sở'],
        [2, '', 'Chuyên viên', 'khong-phai-thu', 'Công chức'],
        [3, 'Trần Thị Bình', '', 'AN@example.vn', ''],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'file.name', row: 3, column: 'B', code: 'import.required' },
      { path: 'file.email', row: 3, column: 'D', code: 'survey.email_invalid' },
      { path: 'file.email', row: 4, column: 'D', code: 'survey.email_duplicate' },
      { path: 'file.group', row: 4, column: 'E', code: 'import.required' },
    ]);
    expect((await send(await sheet([[1, 'A', '', '', 'B']], ['Họ và tên', 'E-mail']))).body.errors).toEqual([
      { path: 'file.group', row: 1, column: 'Nhóm', code: 'import.missing_column' },
    ]);
    // Nothing was written by the refused files.
    expect((await secretary.get(`/api/surveys/campaigns/${id}/invitations`)).body.total).toBe(0);

    const rows = [
      ...Array.from({ length: 3 }, (_, i) => [i + 1, `Lãnh đạo ${i + 1}`, 'Giám đốc', `lanhdao${i}@example.vn`, 'Lãnh đạo sở']),
      ...Array.from({ length: 5 }, (_, i) => [i + 4, `Doanh nghiệp ${i + 1}`, 'Công ty TNHH', i === 0 ? '' : `dn${i}@example.vn`, 'Tổ chức, doanh nghiệp']),
      ['', '', '', '', ''],
    ];
    const ok = await send(await sheet(rows));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toEqual({
      imported: 8,
      groups: [
        { key: 'Lãnh đạo sở', count: 3 },
        { key: 'Tổ chức, doanh nghiệp', count: 5 },
      ],
    });
    const view = (await secretary.get(`/api/surveys/campaigns/${id}`)).body;
    expect(view).toMatchObject({ populationKind: 'list', population: 8, sampleSize: 8 });
    expect(view.strata.map((s: { key: string; invited: number }) => [s.key, s.invited])).toEqual([
      ['Lãnh đạo sở', 3],
      ['Tổ chức, doanh nghiệp', 5],
    ]);
    // The same address again is refused against what the campaign already has.
    expect((await send(await sheet([[1, 'Lặp lại', '', 'lanhdao0@example.vn', 'Lãnh đạo sở']]))).body.errors).toEqual([
      { path: 'file.email', row: 2, column: 'D', code: 'survey.email_duplicate' },
    ]);
    // A reader may not import.
    const viewer = await factories(t, admin, rootId).actor('viewer');
    expect((await send(await sheet(rows), viewer.caller)).status).toBe(403);

    const mailed = await secretary.post(`/api/surveys/campaigns/${id}/email-invitations`, { version: view.version });
    expect(mailed.body).toEqual({ queued: 7, withoutEmail: 1, remindOn: null });
    await until('7 invitations', () => mailsTo('Khảo sát cán bộ 2026').length === 7);
    // A named campaign's answer carries the respondent's group for the breakdown.
    const token = tokenOf(mailsTo('Khảo sát cán bộ 2026').find((m) => m.rcptTo[0] === 'lanhdao0@example.vn')!.text);
    const form = await t.anon.get(`/api/public/surveys/${token}`);
    expect(form.status).toBe(200);
    expect(form.body.anonymous).toBe(false);
  });

  /** The paragraphs' text of a .docx and the number of images in it. */
  async function docx(raw: Buffer): Promise<{ text: string; images: number }> {
    const zip = await JSZip.loadAsync(raw);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    return { text: text.replace(/&quot;/g, '"').replace(/&amp;/g, '&'), images: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length };
  }

  it('prints letters with a one-time link and its QR code (minted when printed), optionally with the paper questionnaire; prints the questionnaire with its QR', async () => {
    const c = await campaign(4, 2);
    const letters = await secretary.post(`/api/surveys/campaigns/${c.id}/letters`, { withoutEmailOnly: true, withQuestionnaire: true });
    expect(letters.status, letters.raw.toString()).toBe(200);
    expect(letters.headers['content-type']).toContain('wordprocessingml');
    const doc = await docx(letters.raw);
    expect(doc.images).toBe(2); // one QR code per letter
    const tokens = [...doc.text.matchAll(new RegExp(LINK, 'g'))].map((m) => m[1]!);
    expect(new Set(tokens).size).toBe(2);
    expect(doc.text).toContain('THƯ MỜI THAM GIA KHẢO SÁT');
    expect(doc.text).toContain('Câu 1.');
    expect(doc.text).toContain('☐');
    for (const tok of tokens) expect((await t.anon.get(`/api/public/surveys/${tok}`)).status).toBe(200);
    // The tokens are nowhere in the database, only their hashes.
    const stored = await t.handle.db.selectFrom('surveyInvitations').select(['tokenHash', 'respondentEmail']).where('campaignId', '=', c.id).execute();
    expect(stored.filter((r) => r.tokenHash !== null).every((r) => r.respondentEmail === null)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(tokens[0]);
    // Printing again gives new links; the earlier letters stop working.
    const again = await docx((await secretary.post(`/api/surveys/campaigns/${c.id}/letters`, { withoutEmailOnly: true })).raw);
    expect(again.images).toBe(2);
    expect(again.text).not.toContain('Câu 1.');
    expect((await t.anon.get(`/api/public/surveys/${tokens[0]}`)).status).toBe(404);
    // The printable questionnaire: every question, its QR code to the staff page; readers may print it.
    const viewer = await factories(t, admin, rootId).actor('viewer');
    const form = await viewer.caller.get(`/api/surveys/campaigns/${c.id}/questionnaire.docx`);
    expect(form.status).toBe(200);
    const f = await docx(form.raw);
    expect(f.images).toBe(1);
    expect(f.text).toContain('PHIẾU KHẢO SÁT');
    expect(f.text).toMatch(/chỉ trả lời nếu câu \d+ chọn: Không/);
    expect((await viewer.caller.post(`/api/surveys/campaigns/${c.id}/letters`, {})).status).toBe(403);
    // One named invitation: one letter.
    const one = (await secretary.get(`/api/surveys/campaigns/${c.id}/invitations`)).body.items[0].id as string;
    expect((await docx((await secretary.post(`/api/surveys/campaigns/${c.id}/letters`, { invitationIds: [one] })).raw)).images).toBe(1);
    // Closed: no letters.
    const v = (await secretary.get(`/api/surveys/campaigns/${c.id}`)).body;
    await secretary.post(`/api/surveys/campaigns/${c.id}/close`, { version: v.version });
    expect((await secretary.post(`/api/surveys/campaigns/${c.id}/letters`, {})).body.code).toBe('survey.campaign_closed');
  });
});
