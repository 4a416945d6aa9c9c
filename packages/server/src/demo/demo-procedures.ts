import { ProcedureRepository } from '../modules/procedures/procedure.repository';
import { ProcedureContentSchema, type ProcedureContent } from '../modules/procedures/procedure.schemas';
import { appendVersion, createProcedure } from '../modules/procedures/procedure-write';
import type { DemoContext } from './demo-context';
import { UnitTreeRepository } from '../platform/units/unit-tree';

// The demo Department's procedure catalogue: procedures a provincial Department of Science and
// Technology really handles, with the time limits, fee schedules and legal bases commonly
// published for them. Codes follow the national `d.dddddd` format but are illustrative, not
// checked against the national database; so are sector codes, fee amounts and the publication
// decision. Most procedures accept online and postal filing so that the QĐ 766 and PAR
// projections have data to work on.

const SECTORS = {
  khcn: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
  atbx: { code: 'ATBXHN', name: 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân' },
  tdc: { code: 'TCDLCL', name: 'Tiêu chuẩn, đo lường, chất lượng' },
  shtt: { code: 'SHTT', name: 'Sở hữu trí tuệ' },
  cgcn: { code: 'CGCN', name: 'Chuyển giao công nghệ' },
} as const;

const LAW_KHCN = 'Luật Khoa học và Công nghệ số 29/2013/QH13; Nghị định số 08/2014/NĐ-CP';
const LAW_ATBX = 'Luật Năng lượng nguyên tử số 18/2008/QH12; Nghị định số 142/2020/NĐ-CP; Thông tư số 287/2016/TT-BTC';
const LAW_TDC = 'Luật Chất lượng sản phẩm, hàng hóa số 05/2007/QH12; Nghị định số 132/2008/NĐ-CP; Thông tư số 28/2012/TT-BKHCN';
const LAW_CGCN = 'Luật Chuyển giao công nghệ số 07/2017/QH14; Nghị định số 76/2018/NĐ-CP; Thông tư số 169/2017/TT-BTC';

type Division = 'qlkh' | 'qlcn' | 'tdc';
interface DemoProcedure {
  code: string;
  division: Division;
  content: Omit<ProcedureContent, 'processingUnitId' | 'steps' | 'publication' | 'level' | 'receivingCutoffMinute'>;
}

const form = (name: string, kind: ProcedureContent['components'][number]['kind'] = 'original', mandatory = true) => ({
  name,
  kind,
  quantity: 1,
  mandatory,
  templateFileId: null,
});
const fee = (name: string, amountVnd: number, note: string | null = null) => ({ name, amountVnd, note });
const ALL = ['counter', 'post', 'online'] as ProcedureContent['channels'];

const PROCEDURES: DemoProcedure[] = [
  {
    code: '1.004512',
    division: 'qlkh',
    content: {
      name: 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước',
      sector: SECTORS.khcn,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [],
      components: [
        form('Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ'),
        form('Báo cáo tổng hợp kết quả thực hiện nhiệm vụ'),
        form('Quyết định công nhận kết quả thực hiện nhiệm vụ', 'certified_copy'),
      ],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'both',
      resultName: 'Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ',
      legalBasis: `${LAW_KHCN}; Thông tư số 14/2014/TT-BKHCN`,
      applicants: 'Tổ chức, cá nhân chủ trì nhiệm vụ khoa học và công nghệ',
    },
  },
  {
    code: '1.004513',
    division: 'qlkh',
    content: {
      name: 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách nhà nước',
      sector: SECTORS.khcn,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [],
      components: [
        form('Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ'),
        form('Báo cáo tổng hợp kết quả thực hiện nhiệm vụ'),
        form('Biên bản họp Hội đồng đánh giá, nghiệm thu', 'copy'),
      ],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'both',
      resultName: 'Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ',
      legalBasis: `${LAW_KHCN}; Thông tư số 14/2014/TT-BKHCN`,
      applicants: 'Tổ chức chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh',
    },
  },
  {
    code: '1.003631',
    division: 'qlkh',
    content: {
      name: 'Cấp Giấy chứng nhận đăng ký hoạt động lần đầu cho tổ chức khoa học và công nghệ',
      sector: SECTORS.khcn,
      timeLimit: { value: 15, unit: 'working_days' },
      fees: [fee('Phí thẩm định điều kiện hoạt động khoa học và công nghệ', 3_000_000)],
      components: [
        form('Đơn đăng ký hoạt động khoa học và công nghệ'),
        form('Quyết định thành lập tổ chức khoa học và công nghệ', 'certified_copy'),
        form('Điều lệ tổ chức và hoạt động'),
        form('Hồ sơ nhân lực, lý lịch khoa học của người đứng đầu'),
        form('Giấy tờ chứng minh trụ sở làm việc', 'original_or_copy'),
      ],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      legalBasis: `${LAW_KHCN}; Thông tư số 03/2014/TT-BKHCN`,
      applicants: 'Tổ chức khoa học và công nghệ',
    },
  },
  {
    code: '1.003640',
    division: 'qlkh',
    content: {
      name: 'Cấp lại Giấy chứng nhận đăng ký hoạt động của tổ chức khoa học và công nghệ',
      sector: SECTORS.khcn,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [fee('Phí thẩm định điều kiện hoạt động khoa học và công nghệ', 1_500_000)],
      components: [form('Đơn đề nghị cấp lại Giấy chứng nhận'), form('Giấy chứng nhận đã cấp (trường hợp bị hư hỏng)', 'original', false)],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      legalBasis: `${LAW_KHCN}; Thông tư số 03/2014/TT-BKHCN`,
      applicants: 'Tổ chức khoa học và công nghệ',
    },
  },
  {
    code: '2.001262',
    division: 'qlkh',
    content: {
      name: 'Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ',
      sector: SECTORS.khcn,
      timeLimit: { value: 7, unit: 'working_days' },
      fees: [],
      components: [
        form('Đơn đề nghị chứng nhận doanh nghiệp khoa học và công nghệ'),
        form('Giấy chứng nhận đăng ký doanh nghiệp', 'copy'),
        form('Văn bản xác nhận quyền sở hữu, sử dụng hợp pháp kết quả khoa học và công nghệ', 'certified_copy'),
        form('Phương án sản xuất, kinh doanh sản phẩm hình thành từ kết quả khoa học và công nghệ'),
      ],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'both',
      resultName: 'Giấy chứng nhận doanh nghiệp khoa học và công nghệ',
      legalBasis: `${LAW_KHCN}; Nghị định số 13/2019/NĐ-CP`,
      applicants: 'Doanh nghiệp',
    },
  },
  {
    code: '1.000943',
    division: 'qlcn',
    content: {
      name: 'Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế',
      sector: SECTORS.atbx,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [fee('Phí thẩm định an toàn bức xạ', 2_000_000, 'mỗi thiết bị')],
      components: [
        form('Đơn đề nghị cấp giấy phép'),
        form('Phiếu khai báo thiết bị X-quang'),
        form('Báo cáo đánh giá an toàn bức xạ'),
        form('Chứng chỉ nhân viên bức xạ của người phụ trách an toàn', 'copy'),
        form('Biên bản kiểm định thiết bị', 'copy'),
      ],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'both',
      resultName: 'Giấy phép tiến hành công việc bức xạ',
      legalBasis: LAW_ATBX,
      applicants: 'Cơ sở y tế sử dụng thiết bị X-quang chẩn đoán',
    },
  },
  {
    code: '1.000948',
    division: 'qlcn',
    content: {
      name: 'Gia hạn giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế',
      sector: SECTORS.atbx,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [fee('Phí thẩm định an toàn bức xạ', 1_000_000, 'mỗi thiết bị')],
      components: [
        form('Đơn đề nghị gia hạn giấy phép'),
        form('Biên bản kiểm định thiết bị còn hiệu lực', 'copy'),
        form('Kết quả đo liều chiếu xạ cá nhân', 'copy'),
      ],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'both',
      resultName: 'Giấy phép tiến hành công việc bức xạ (gia hạn)',
      legalBasis: LAW_ATBX,
      applicants: 'Cơ sở y tế sử dụng thiết bị X-quang chẩn đoán',
    },
  },
  {
    code: '1.000960',
    division: 'qlcn',
    content: {
      name: 'Cấp chứng chỉ nhân viên bức xạ cho người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế',
      sector: SECTORS.atbx,
      timeLimit: { value: 10, unit: 'working_days' },
      fees: [fee('Phí sát hạch cấp chứng chỉ nhân viên bức xạ', 200_000)],
      components: [
        form('Đơn đề nghị cấp chứng chỉ'),
        form('Văn bằng chuyên môn', 'certified_copy'),
        form('Giấy chứng nhận đào tạo an toàn bức xạ', 'copy'),
        form('Ảnh 3x4', 'original'),
      ],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'both',
      resultName: 'Chứng chỉ nhân viên bức xạ',
      legalBasis: LAW_ATBX,
      applicants: 'Cá nhân',
    },
  },
  {
    code: '1.000972',
    division: 'qlcn',
    content: {
      name: 'Khai báo thiết bị X-quang chẩn đoán trong y tế',
      sector: SECTORS.atbx,
      timeLimit: { value: 3, unit: 'working_days' },
      fees: [],
      components: [form('Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế')],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'electronic',
      resultName: 'Văn bản xác nhận khai báo',
      legalBasis: LAW_ATBX,
      applicants: 'Tổ chức, cá nhân có thiết bị X-quang chẩn đoán trong y tế',
    },
  },
  {
    code: '2.001508',
    division: 'tdc',
    content: {
      name: 'Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu thuộc trách nhiệm quản lý của Bộ Khoa học và Công nghệ',
      sector: SECTORS.tdc,
      timeLimit: { value: 1, unit: 'working_days' },
      fees: [],
      components: [
        form('Bản đăng ký kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu'),
        form('Hợp đồng, danh mục hàng hóa, hóa đơn, vận đơn', 'copy'),
        form('Giấy chứng nhận hợp quy hoặc chứng thư giám định', 'certified_copy'),
      ],
      channels: ['counter', 'online'],
      onlineLevel: 'full',
      resultType: 'electronic',
      resultName: 'Thông báo kết quả kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu',
      legalBasis: `${LAW_TDC}; Thông tư số 07/2017/TT-BKHCN`,
      applicants: 'Tổ chức, cá nhân nhập khẩu hàng hóa nhóm 2',
    },
  },
  {
    code: '1.001086',
    division: 'tdc',
    content: {
      name: 'Đăng ký công bố hợp quy đối với sản phẩm, hàng hóa sản xuất trong nước được quản lý bởi quy chuẩn kỹ thuật do Bộ Khoa học và Công nghệ ban hành',
      sector: SECTORS.tdc,
      timeLimit: { value: 5, unit: 'working_days' },
      fees: [fee('Lệ phí cấp thông báo tiếp nhận hồ sơ công bố hợp quy', 150_000)],
      components: [
        form('Bản công bố hợp quy'),
        form('Giấy chứng nhận hợp quy của tổ chức chứng nhận', 'certified_copy', false),
        form('Báo cáo tự đánh giá kèm kết quả thử nghiệm', 'original', false),
      ],
      channels: ALL,
      onlineLevel: 'full',
      resultType: 'electronic',
      resultName: 'Thông báo tiếp nhận hồ sơ công bố hợp quy',
      legalBasis: `${LAW_TDC}; Thông tư số 02/2017/TT-BKHCN`,
      applicants: 'Tổ chức, cá nhân sản xuất, kinh doanh',
    },
  },
  {
    code: '1.001093',
    division: 'tdc',
    content: {
      name: 'Miễn giảm kiểm tra chất lượng hàng hóa nhập khẩu',
      sector: SECTORS.tdc,
      timeLimit: { value: 5, unit: 'working_days' },
      fees: [],
      components: [form('Văn bản đề nghị miễn giảm kiểm tra'), form('Kết quả đánh giá phù hợp của 03 lần nhập khẩu liên tiếp', 'copy')],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Văn bản xác nhận miễn giảm kiểm tra chất lượng hàng hóa nhập khẩu',
      legalBasis: `${LAW_TDC}; Nghị định số 74/2018/NĐ-CP`,
      applicants: 'Tổ chức, cá nhân nhập khẩu hàng hóa',
    },
  },
  {
    code: '2.002021',
    division: 'qlcn',
    content: {
      name: 'Cấp văn bản cho phép sử dụng địa danh, dấu hiệu chỉ nguồn gốc địa lý của đặc sản địa phương để đăng ký nhãn hiệu tập thể, nhãn hiệu chứng nhận',
      sector: SECTORS.shtt,
      timeLimit: { value: 15, unit: 'working_days' },
      fees: [],
      components: [
        form('Đơn đề nghị cho phép sử dụng địa danh'),
        form('Quy chế sử dụng nhãn hiệu tập thể hoặc nhãn hiệu chứng nhận'),
        form('Mẫu nhãn hiệu và danh mục sản phẩm mang nhãn hiệu'),
      ],
      channels: ['counter', 'post'],
      onlineLevel: 'none',
      resultType: 'paper',
      resultName: 'Văn bản cho phép sử dụng địa danh',
      legalBasis: 'Luật Sở hữu trí tuệ số 50/2005/QH11 (sửa đổi, bổ sung năm 2009, 2019, 2022); Nghị định số 65/2023/NĐ-CP',
      applicants: 'Tổ chức tập thể, tổ chức có chức năng chứng nhận',
    },
  },
  {
    code: '1.005418',
    division: 'qlcn',
    content: {
      name: 'Cấp Giấy chứng nhận đăng ký chuyển giao công nghệ (trừ trường hợp thuộc thẩm quyền của Bộ Khoa học và Công nghệ)',
      sector: SECTORS.cgcn,
      timeLimit: { value: 7, unit: 'working_days' },
      fees: [fee('Phí thẩm định hợp đồng chuyển giao công nghệ', 5_000_000, '0,1% giá trị hợp đồng, tối thiểu 5.000.000 đồng, tối đa 10.000.000 đồng')],
      components: [
        form('Văn bản đề nghị đăng ký chuyển giao công nghệ'),
        form('Hợp đồng chuyển giao công nghệ', 'certified_copy'),
        form('Danh mục tài liệu công nghệ, máy móc, thiết bị kèm theo'),
        form('Văn bản xác nhận tư cách pháp lý của người đại diện', 'copy'),
      ],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Giấy chứng nhận đăng ký chuyển giao công nghệ',
      legalBasis: LAW_CGCN,
      applicants: 'Tổ chức, cá nhân tham gia chuyển giao công nghệ',
    },
  },
  {
    code: '1.005421',
    division: 'qlcn',
    content: {
      name: 'Cấp Giấy chứng nhận đăng ký gia hạn, sửa đổi, bổ sung nội dung chuyển giao công nghệ (trừ trường hợp thuộc thẩm quyền của Bộ Khoa học và Công nghệ)',
      sector: SECTORS.cgcn,
      timeLimit: { value: 7, unit: 'working_days' },
      fees: [fee('Phí thẩm định hợp đồng chuyển giao công nghệ (gia hạn, sửa đổi, bổ sung)', 3_000_000)],
      components: [form('Văn bản đề nghị đăng ký gia hạn, sửa đổi, bổ sung'), form('Văn bản thỏa thuận gia hạn, sửa đổi, bổ sung hợp đồng', 'certified_copy')],
      channels: ALL,
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Giấy chứng nhận đăng ký gia hạn, sửa đổi, bổ sung nội dung chuyển giao công nghệ',
      legalBasis: LAW_CGCN,
      applicants: 'Tổ chức, cá nhân tham gia chuyển giao công nghệ',
    },
  },
];

/**
 * The internal procedure (quy trình nội bộ): the centre receives and returns, the division
 * appraises and its head checks, the Department's leadership signs. Day budgets leave one day
 * of the limit for receipt, transfer and return, which run in hours; a one-day procedure runs
 * entirely in hours.
 */
function stepsFor(limitDays: number, ctx: DemoContext, division: Division, desk: 'ttpvhcc' | 'vanphong' = 'ttpvhcc'): ProcedureContent['steps'] {
  const centre = ctx.units.get(desk)!;
  const div = ctx.units.get(division)!;
  const leadership = ctx.units.get('sokhcn')!;
  const hours = (value: number) => ({ value, unit: 'working_hours' as const });
  const days = (value: number) => ({ value, unit: 'working_days' as const });
  // Who performs each step (docs/domain/dossiers.md#step-performers): the desk receives and returns, a
  // specialist appraises, the division head checks, the Department's leader signs.
  const desk_ = 'one_stop_officer' as const;
  if (limitDays <= 1) {
    return [
      { code: 'TN', name: 'Tiếp nhận, chuyển hồ sơ', unitId: centre, performerRole: desk_, budget: hours(1) },
      { code: 'TD', name: 'Kiểm tra, xử lý hồ sơ', unitId: div, performerRole: 'specialist', budget: hours(4) },
      { code: 'PD', name: 'Phê duyệt, ký kết quả', unitId: div, performerRole: 'unit_head', budget: hours(2) },
      { code: 'TKQ', name: 'Trả kết quả', unitId: centre, performerRole: desk_, budget: hours(1) },
    ];
  }
  const review = limitDays >= 5 ? 1 : 0;
  const sign = limitDays >= 5 ? 2 : 1;
  const steps: ProcedureContent['steps'] = [
    { code: 'TN', name: 'Tiếp nhận, chuyển hồ sơ', unitId: centre, performerRole: desk_, budget: hours(4) },
    { code: 'TD', name: 'Thẩm định hồ sơ, dự thảo kết quả', unitId: div, performerRole: 'specialist', budget: days(limitDays - 1 - review - sign) },
  ];
  if (review) steps.push({ code: 'KT', name: 'Lãnh đạo phòng kiểm tra', unitId: div, performerRole: 'unit_head', budget: days(review) });
  steps.push({ code: 'PD', name: 'Lãnh đạo Sở phê duyệt, ký', unitId: leadership, performerRole: 'leader', budget: days(sign) });
  steps.push({ code: 'TKQ', name: 'Vào sổ, trả kết quả', unitId: centre, performerRole: desk_, budget: hours(4) });
  return steps;
}

/** Since when the demo catalogue has history (the PAR demo year 2019). */
const HISTORY_FROM = '2019-01-01';

export async function seedProcedures(ctx: DemoContext): Promise<void> {
  const repo = new ProcedureRepository(ctx.trx, new UnitTreeRepository(ctx.trx));
  const unitId = ctx.units.get('sokhcn')!;
  const today = ctx.clock.today();
  // In force since the provincial centres took over one-stop receipt (NĐ 118/2025, 1/7/2025).
  const effectiveFrom = today < '2025-07-01' ? today : '2025-07-01';
  const w = { trx: ctx.trx, repo, audit: ctx.audit, actor: null, now: ctx.now };
  for (const p of PROCEDURES) {
    const contentAt = (desk: 'ttpvhcc' | 'vanphong', publication: { number: string; date: string }) =>
      ProcedureContentSchema.parse({
        ...p.content,
        level: 'province',
        processingUnitId: ctx.units.get(p.division)!,
        // Illustrative decision numbers: the province's list-publishing decisions.
        publication,
        receivingCutoffMinute: null,
        steps: stepsFor(p.content.timeLimit.value, ctx, p.division, desk),
      });
    const current = contentAt('ttpvhcc', { number: '1250/QĐ-UBND', date: '2025-06-27' });
    if (effectiveFrom <= HISTORY_FROM) {
      await createProcedure(w, { unitId, code: p.code, status: 'active', content: current, effectiveFrom });
      continue;
    }
    // Version 1 since 2019, received at the Department's own one-stop desk (Văn phòng Sở), so the 2019
    // dossiers of the PAR demo have a version in force; version 2 from the centre's takeover.
    const row = await createProcedure(w, {
      unitId,
      code: p.code,
      status: 'active',
      content: contentAt('vanphong', { number: '2150/QĐ-UBND', date: '2018-12-20' }),
      effectiveFrom: HISTORY_FROM,
    });
    const first = (await repo.versionInForce(row.id, HISTORY_FROM, ctx.trx))!;
    await appendVersion(w, row, first, current, effectiveFrom);
  }
}
