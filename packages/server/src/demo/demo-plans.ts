import { completionStatusOf, foldVietnamese, type LocalDate } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { PlanRow } from '../modules/plans/plan.repository';
import type { TaskRow } from '../modules/plans/task.repository';
import type { DemoContext } from './demo-context';

// Reform plans and tasks of the demo Department (docs/plans.md): the Director's 2020 conclusion from the
// seed document with its seven key tasks and ten solutions (as sub-tasks of the key task they serve), the
// 2019 annual PAR plan, and the current year's plans with tasks around "today" so every list has content.
// The source gives no number for the conclusion and no issue day: the meeting day (20/5/2020) stands in.

export interface TaskSpec {
  title: string;
  unit: string;
  coordinating?: string[];
  lead?: string;
  startOn?: string;
  dueOn: string;
  expectedOutput?: string;
  criteria?: string[];
  priority?: 'low' | 'normal' | 'high';
  /** Completion day (done or done late by the due day), or a progress for an open task. */
  completedOn?: string;
  progress?: number;
  note?: string;
  subtasks?: TaskSpec[];
}

/** The seven key tasks of the Director's 2020 conclusion (the seed document), with the solutions as sub-tasks; also the plans journey's import. */
export const KEY_TASKS_2020: TaskSpec[] = [
  {
    title:
      'Đổi mới và nâng cao hiệu quả chỉ đạo, điều hành thực hiện nhiệm vụ CCHC; theo dõi, đánh giá thường xuyên; chuẩn bị nội dung, tài liệu phục vụ kiểm tra CCHC năm 2020',
    unit: 'vanphong',
    dueOn: '2020-12-31',
    expectedOutput: 'Hồ sơ phục vụ kiểm tra CCHC năm 2020',
    criteria: ['1'],
    priority: 'high',
    completedOn: '2020-12-18',
    subtasks: [
      {
        title: 'Triển khai các nội dung được phân công trong Kế hoạch CCHC năm 2020; thực hiện đầy đủ chế độ thông tin, báo cáo về CCHC',
        unit: 'vanphong',
        dueOn: '2020-12-31',
        criteria: ['1.2'],
        completedOn: '2020-12-15',
      },
      {
        title: 'Xây dựng kế hoạch tham mưu thực hiện đầy đủ các tiêu chí thành phần theo Công văn số 2040/SNV ngày 11/10/2019 của Sở Nội vụ',
        unit: 'vanphong',
        dueOn: '2020-06-30',
        criteria: ['1.1'],
        completedOn: '2020-06-25',
      },
      {
        title: 'Đề xuất sáng kiến, cách làm hay trong CCHC; gắn kết quả thực hiện CCHC với thi đua, khen thưởng',
        unit: 'vanphong',
        dueOn: '2020-11-30',
        criteria: ['1.4'],
        completedOn: '2020-11-20',
      },
      {
        title: 'Hoàn thành Kế hoạch hoạt động KH&CN năm 2020 đúng tiến độ; gửi báo cáo định kỳ, đột xuất đúng thời hạn',
        unit: 'khtc',
        dueOn: '2020-12-31',
        criteria: ['1.2'],
        completedOn: '2020-12-28',
      },
      {
        title: 'Rà soát, điều chỉnh, bổ sung nhiệm vụ CCHC khi Đề án xác định Chỉ số CCHC năm 2020 được phê duyệt',
        unit: 'vanphong',
        dueOn: '2020-09-30',
        criteria: ['1.1'],
        completedOn: '2020-09-10',
      },
    ],
  },
  {
    title: 'Phổ biến, tuyên truyền và tổ chức thực hiện kịp thời, hiệu quả các văn bản quy phạm pháp luật trong lĩnh vực KH&CN',
    unit: 'thanhtra',
    coordinating: ['vanphong'],
    dueOn: '2020-12-31',
    criteria: ['2'],
    completedOn: '2020-12-20',
    subtasks: [
      {
        title: 'Tăng cường tuyên truyền CCHC, tổ chức tốt các hoạt động, sự kiện của Sở để cải thiện điểm khảo sát sự hài lòng',
        unit: 'vanphong',
        dueOn: '2020-12-15',
        criteria: ['8'],
        completedOn: '2020-12-10',
      },
      {
        title: 'Tham mưu xây dựng văn bản QPPL đúng trình tự, thủ tục; thanh tra, kiểm tra, theo dõi thi hành pháp luật năm 2020',
        unit: 'thanhtra',
        dueOn: '2020-12-31',
        criteria: ['2.2'],
        completedOn: '2020-12-22',
      },
    ],
  },
  {
    title:
      'Rà soát, cắt giảm, đơn giản hóa TTHC; kịp thời cập nhật, công bố, công khai TTHC trên Trang thông tin điện tử của Sở, Cổng thông tin điện tử tỉnh và Cổng Dịch vụ công quốc gia',
    unit: 'vanphong',
    coordinating: ['qlkh', 'qlcn', 'tdc'],
    dueOn: '2020-10-31',
    expectedOutput: 'Quyết định công bố TTHC; TTHC được công khai',
    criteria: ['3.1', '3.2'],
    completedOn: '2020-10-20',
  },
  {
    title: 'Tiếp nhận, giải quyết và trả hồ sơ cho tổ chức, cá nhân đúng hạn',
    unit: 'tdc',
    coordinating: ['qlkh', 'qlcn'],
    dueOn: '2020-12-31',
    criteria: ['3.3'],
    completedOn: '2021-01-08',
    note: 'Còn hồ sơ trễ hạn trong quý IV; báo cáo tổng hợp gửi sau thời hạn',
    subtasks: [
      {
        title: 'Công bố kịp thời TTHC, duy trì một cửa, một cửa liên thông với 100% TTHC; không để hồ sơ trễ hạn',
        unit: 'tdc',
        dueOn: '2020-12-31',
        criteria: ['3.3'],
        completedOn: '2020-12-30',
      },
    ],
  },
  {
    title: 'Sắp xếp tinh gọn bộ máy theo Đề án đã trình UBND tỉnh; đào tạo, bồi dưỡng công chức, viên chức và bố trí theo đúng vị trí việc làm được phê duyệt',
    unit: 'vanphong',
    dueOn: '2020-12-31',
    criteria: ['4', '5'],
    progress: 80,
    note: 'Chưa bố trí đủ 100% công chức, viên chức theo vị trí việc làm',
    subtasks: [
      {
        title: 'Kiện toàn cơ cấu tổ chức; bố trí công chức, viên chức đúng cơ cấu ngạch và chức danh nghề nghiệp; đào tạo, bồi dưỡng theo kế hoạch',
        unit: 'vanphong',
        dueOn: '2020-12-31',
        criteria: ['5.1'],
        progress: 70,
      },
    ],
  },
  {
    title: 'Tiếp tục hoàn thiện cơ chế tài chính, nhất là cơ chế tự chủ của đơn vị sự nghiệp công lập (Trung tâm Ứng dụng và Dịch vụ KHCN)',
    unit: 'ttud',
    coordinating: ['khtc'],
    dueOn: '2020-11-30',
    criteria: ['6'],
    completedOn: '2020-11-25',
  },
  {
    title:
      'Cung cấp dịch vụ công trực tuyến mức độ 3, 4; hướng dẫn tại Hội nghị tập huấn năm 2020; xây dựng video clip hướng dẫn sử dụng dịch vụ công trực tuyến',
    unit: 'qlcn',
    coordinating: ['ttud', 'vanphong'],
    dueOn: '2020-09-30',
    expectedOutput: 'Video hướng dẫn; hồ sơ trực tuyến mức độ 3, 4 phát sinh',
    criteria: ['7.1', '7.2'],
    priority: 'high',
    completedOn: '2020-10-15',
    subtasks: [
      {
        title: 'Tuyên truyền, hướng dẫn sử dụng dịch vụ công trực tuyến mức độ 3, 4 và dịch vụ bưu chính công ích tại Trung tâm Phục vụ hành chính công tỉnh',
        unit: 'qlcn',
        dueOn: '2020-09-30',
        criteria: ['7.1', '7.2'],
        completedOn: '2020-10-05',
      },
    ],
  },
];

const TASKS_2019: TaskSpec[] = [
  { title: 'Ban hành và triển khai Kế hoạch tuyên truyền CCHC năm 2019', unit: 'vanphong', dueOn: '2019-03-31', criteria: ['1.3'], completedOn: '2019-03-25' },
  {
    title: 'Rà soát, đánh giá TTHC thuộc thẩm quyền giải quyết của Sở năm 2019',
    unit: 'vanphong',
    dueOn: '2019-09-30',
    criteria: ['3.1'],
    completedOn: '2019-09-27',
  },
  { title: 'Báo cáo tình hình quản lý, sử dụng tài sản công năm 2019', unit: 'khtc', dueOn: '2019-12-31', criteria: ['6.2'], completedOn: '2020-01-15' },
  {
    title: 'Triển khai dịch vụ công trực tuyến mức độ 3, 4 cho các TTHC đủ điều kiện',
    unit: 'qlcn',
    dueOn: '2019-12-31',
    criteria: ['7.1'],
    completedOn: '2019-12-20',
  },
  // The rest of the 2019 plan, done on time: 10 of 11 tasks on time (90,9 %) keeps 1.2 at 2.00, so the
  // projection of field 1 places the published 0.75 on the late Q3 report (1.3), as the seed document
  // blames the periodic reports (docs/domain/par-index.md#worked-example-the-2019-scorecard).
  {
    title: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật lĩnh vực khoa học và công nghệ năm 2019',
    unit: 'thanhtra',
    dueOn: '2019-06-30',
    criteria: ['2'],
    completedOn: '2019-06-20',
  },
  {
    title: 'Công bố, cập nhật TTHC trên Cổng dịch vụ công của tỉnh và Cơ sở dữ liệu quốc gia',
    unit: 'vanphong',
    dueOn: '2019-06-30',
    criteria: ['3.1'],
    completedOn: '2019-06-28',
  },
  { title: 'Sắp xếp, kiện toàn tổ chức bộ máy theo đề án trình UBND tỉnh', unit: 'vanphong', dueOn: '2019-09-30', criteria: ['4'], completedOn: '2019-09-25' },
  {
    title: 'Đào tạo, bồi dưỡng công chức, viên chức theo kế hoạch năm 2019',
    unit: 'vanphong',
    dueOn: '2019-11-30',
    criteria: ['5'],
    completedOn: '2019-11-22',
  },
  {
    title: 'Xây dựng phương án tự chủ tài chính của Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ',
    unit: 'khtc',
    dueOn: '2019-10-31',
    criteria: ['6'],
    completedOn: '2019-10-30',
  },
  {
    title: 'Ứng dụng phần mềm quản lý văn bản và điều hành (eOffice) trong toàn Sở',
    unit: 'ttud',
    dueOn: '2019-08-31',
    criteria: ['7.3'],
    completedOn: '2019-08-15',
  },
  {
    title: 'Kiểm tra công tác CCHC tại các phòng, đơn vị trực thuộc năm 2019',
    unit: 'thanhtra',
    dueOn: '2019-11-15',
    criteria: ['1.5'],
    completedOn: '2019-11-12',
  },
];

const addDays = (day: string, n: number) => {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
const clampTo = (year: number, day: string) => (day < `${year}-01-01` ? `${year}-01-01` : day > `${year}-12-31` ? `${year}-12-31` : day);

class PlanSeeder {
  private seq = new Map<string, number>();
  constructor(private readonly ctx: DemoContext) {}

  async plan(
    p: Pick<PlanRow, 'year' | 'kind' | 'title' | 'documentNumber' | 'documentDate' | 'signer' | 'status' | 'issuedOn'> & { requiresApproval?: boolean },
  ): Promise<PlanRow> {
    const { ctx } = this;
    const row: PlanRow = {
      id: randomUUID(),
      unitId: ctx.units.get('sokhcn')!,
      ...p,
      titleFolded: foldVietnamese(p.title),
      closedOn: null,
      requiresApproval: p.requiresApproval ? 1 : 0,
      createdBy: ctx.users.get('vanphong')!,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.trx.insertInto('plans').values(row).execute();
    await ctx.audit.record(ctx.trx, null, { action: 'create', entity: 'plan', entityId: row.id, unitId: row.unitId, after: row });
    return row;
  }

  async task(plan: PlanRow, s: TaskSpec, parentId: string | null = null): Promise<void> {
    const { ctx } = this;
    const seq = (this.seq.get(plan.id) ?? 0) + 1;
    this.seq.set(plan.id, seq);
    const done = s.completedOn !== undefined;
    const row: TaskRow = {
      id: randomUUID(),
      planId: plan.id,
      agencyId: plan.unitId,
      parentId,
      seq,
      unitId: ctx.units.get(s.unit)!,
      leadUserId: s.lead ? ctx.users.get(s.lead)! : null,
      title: s.title,
      titleFolded: foldVietnamese(s.title),
      description: null,
      expectedOutput: s.expectedOutput ?? null,
      startOn: s.startOn ?? null,
      dueOn: s.dueOn,
      dueWorkingDays: null,
      criteria: JSON.stringify(s.criteria ?? []),
      priority: s.priority ?? 'normal',
      status: done ? completionStatusOf(s.dueOn, s.completedOn!) : s.progress ? 'in_progress' : 'not_started',
      progress: done ? 100 : (s.progress ?? 0),
      submittedOn: null,
      completedOn: s.completedOn ?? null,
      completionNote: done ? (s.note ?? 'Đã hoàn thành, báo cáo kết quả gửi Văn phòng Sở') : null,
      cancelReason: null,
      assignedBy: ctx.users.get('lanhdao')!,
      approvedBy: null,
      approvedAt: null,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.trx.insertInto('tasks').values(row).execute();
    for (const u of s.coordinating ?? [])
      await ctx.trx
        .insertInto('taskUnits')
        .values({ taskId: row.id, unitId: ctx.units.get(u)! })
        .execute();
    if (row.progress > 0) {
      await ctx.trx
        .insertInto('taskJournal')
        .values({
          id: randomUUID(),
          taskId: row.id,
          seq: 1,
          kind: done ? 'complete' : 'progress',
          progress: row.progress,
          note: s.note ?? (done ? row.completionNote : 'Đang triển khai theo kế hoạch'),
          attachmentIds: '[]',
          userId: row.leadUserId,
          at: ctx.now,
        })
        .execute();
    }
    for (const sub of s.subtasks ?? []) await this.task(plan, sub, row.id);
  }
}

export async function seedPlans(ctx: DemoContext): Promise<void> {
  const seeder = new PlanSeeder(ctx);
  const conclusion = await seeder.plan({
    year: 2020,
    kind: 'conclusion',
    title:
      'Kết luận của Giám đốc Sở tại buổi Tọa đàm chuyên đề “Giải pháp đẩy mạnh công tác cải cách hành chính của Sở Khoa học và Công nghệ và nâng cao chất lượng công tác tham mưu của các phòng, đơn vị thuộc Sở”',
    documentNumber: null,
    documentDate: '2020-05-20',
    signer: 'Nguyễn Văn Thành',
    status: 'issued',
    issuedOn: '2020-05-20',
  });
  for (const s of KEY_TASKS_2020) await seeder.task(conclusion, s);

  const plan2019 = await seeder.plan({
    year: 2019,
    kind: 'annual',
    title: 'Kế hoạch cải cách hành chính năm 2019 của Sở Khoa học và Công nghệ',
    documentNumber: null,
    documentDate: '2019-01-10',
    signer: null,
    status: 'issued',
    issuedOn: '2019-01-10',
  });
  for (const s of TASKS_2019) await seeder.task(plan2019, s);

  // The current year: tasks around today so that the lists, the overview and every demo user have work.
  const today = ctx.clock.today() as LocalDate;
  const year = Number(today.slice(0, 4));
  const at = (n: number) => clampTo(year, addDays(today, n));
  const issuedOn = clampTo(year, `${year}-01-15` < today ? `${year}-01-15` : today);
  await ctx.trx
    .insertInto('planSettings')
    .values({ unitId: ctx.units.get('sokhcn')!, year, annualPlanDueOn: `${year}-01-31`, version: 1, updatedAt: ctx.now })
    .execute();
  const annual = await seeder.plan({
    year,
    kind: 'annual',
    title: `Kế hoạch cải cách hành chính năm ${year} của Sở Khoa học và Công nghệ`,
    documentNumber: `05/KH-SKHCN`,
    documentDate: issuedOn,
    signer: 'Nguyễn Văn Minh',
    status: 'issued',
    issuedOn,
  });
  const current: TaskSpec[] = [
    {
      title: 'Rà soát, đơn giản hóa TTHC lĩnh vực hoạt động khoa học và công nghệ',
      unit: 'qlkh',
      lead: 'chuyenvien',
      dueOn: at(4),
      expectedOutput: 'Báo cáo rà soát; phương án đơn giản hóa',
      criteria: ['3.1'],
      priority: 'high',
      progress: 60,
      subtasks: [
        { title: 'Lập danh mục TTHC cần rà soát', unit: 'qlkh', lead: 'chuyenvien', dueOn: at(-3) < at(4) ? at(-3) : at(4), completedOn: at(-4) },
        { title: 'Dự thảo phương án đơn giản hóa trình lãnh đạo Sở', unit: 'qlkh', lead: 'chuyenvien', dueOn: at(4), progress: 30 },
      ],
    },
    {
      title: 'Báo cáo kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh',
      unit: 'qlkh',
      lead: 'truongphong',
      dueOn: at(-6),
      criteria: ['1.2'],
      progress: 40,
      note: 'Chờ số liệu của các chủ nhiệm nhiệm vụ',
    },
    {
      title: 'Cập nhật quy trình nội bộ giải quyết TTHC lĩnh vực khoa học',
      unit: 'qlkh',
      lead: 'chuyenvien',
      dueOn: at(-20),
      criteria: ['3.2'],
      completedOn: at(-22),
    },
    { title: 'Xây dựng báo cáo CCHC định kỳ của Sở', unit: 'sokhcn', lead: 'vanphong', dueOn: at(14), criteria: ['1.2'] },
    { title: 'Kiểm tra công tác CCHC tại các phòng, đơn vị thuộc Sở', unit: 'sokhcn', lead: 'lanhdao', dueOn: at(30), criteria: ['1.3'], progress: 20 },
    {
      title: 'Rà soát danh mục TTHC tiêu chuẩn đo lường chất lượng tiếp nhận qua bưu chính công ích',
      unit: 'tdc',
      coordinating: ['vanphong'],
      dueOn: at(2),
      criteria: ['7.2'],
    },
    {
      title: 'Cập nhật hồ sơ dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia',
      unit: 'qlcn',
      dueOn: at(-12),
      criteria: ['7.1'],
      priority: 'high',
    },
    {
      title: 'Phương án tự chủ tài chính giai đoạn mới của Trung tâm',
      unit: 'ttud',
      coordinating: ['khtc'],
      dueOn: at(-30),
      criteria: ['6'],
      completedOn: at(-25),
      note: 'Đã trình, chậm do chờ ý kiến Sở Tài chính',
    },
  ];
  for (const s of current) await seeder.task(annual, s);

  const thematic = await seeder.plan({
    year,
    kind: 'thematic',
    title: `Kế hoạch tuyên truyền cải cách hành chính năm ${year}`,
    documentNumber: null,
    documentDate: null,
    signer: null,
    status: 'draft',
    issuedOn: null,
  });
  await seeder.task(thematic, { title: 'Xây dựng chuyên mục CCHC trên Trang thông tin điện tử của Sở', unit: 'vanphong', dueOn: at(40), criteria: ['8'] });
  await seeder.task(thematic, {
    title: 'Tổ chức hội nghị tập huấn sử dụng dịch vụ công trực tuyến',
    unit: 'qlcn',
    coordinating: ['ttud'],
    dueOn: at(60),
    criteria: ['7.1'],
  });
}
