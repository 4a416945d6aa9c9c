import type { LocalDate } from '@cchc/domain';
import type { Paragraph, Table } from 'docx';
import { governingBodyLine, placeFromUnitName } from '../dossiers/dossier-forms.service';
import { formHeader, gap, grid, line, pack, PAGE_WIDTH, signature, columns } from '../dossiers/forms/form-layout';
import { appendixOrder, numbering } from './plan-sheets';
import type { PlanSummary } from './plan.schemas';
import type { TaskListRow } from './task.repository';

// The plan printed as a Vietnamese administrative document (NĐ 30/2020/NĐ-CP layout, docs/plans.md
// "Printing"): agency and national motto header, 'KẾ HOẠCH …' title, the body, the signature, then the
// appendix table of tasks (STT, nội dung, đơn vị chủ trì, đơn vị phối hợp, thời gian hoàn thành, sản phẩm).

const KIND_TITLE = { annual: 'KẾ HOẠCH', conclusion: 'KẾT LUẬN', thematic: 'KẾ HOẠCH' } as const;
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function renderPlanDocument(input: {
  plan: PlanSummary;
  chain: Array<{ name: string }>;
  tasks: TaskListRow[];
  coordinating: Array<{ taskId: string; name: string }>;
  today: LocalDate;
}): Promise<Buffer> {
  const { plan, chain, tasks } = input;
  const root = chain[chain.length - 1];
  const header = formHeader(
    {
      agencyParent: chain[1] ? governingBodyLine(chain[1].name) : '',
      agencyName: (chain[0]?.name ?? plan.unitName).toUpperCase(),
      place: (root && placeFromUnitName(root.name)) || '……………',
      issuedOn: plan.documentDate ?? plan.issuedOn ?? input.today,
      number: plan.documentNumber ?? undefined,
    },
    'KH',
  );
  const kind = KIND_TITLE[plan.kind];
  const title = plan.title.toUpperCase().startsWith(kind) ? plan.title : `${kind} ${plan.title}`;
  const stt = numbering(tasks);
  const rows = appendixOrder(tasks).map((t) => [
    stt.get(t.id) ?? '',
    t.title,
    t.unitName,
    input.coordinating
      .filter((c) => c.taskId === t.id)
      .map((c) => c.name)
      .join('; '),
    dmy(t.dueOn),
    t.expectedOutput ?? '',
  ]);
  const w = PAGE_WIDTH;
  const widths = [Math.round(w * 0.07), Math.round(w * 0.33), Math.round(w * 0.16), Math.round(w * 0.16), Math.round(w * 0.12)];
  widths.push(w - widths.reduce((a, b) => a + b, 0));
  const children: Array<Paragraph | Table> = [
    header,
    line(title.toUpperCase(), { align: 'center', bold: true, size: 14, before: 18, after: 6 }),
    line(`Năm ${plan.year}`, { align: 'center', bold: true, after: 6 }),
    line(
      `${chain[0]?.name ?? plan.unitName} ban hành kế hoạch với ${tasks.filter((t) => !t.parentId).length} nhiệm vụ; nội dung, đơn vị chủ trì, đơn vị phối hợp, thời hạn và sản phẩm của từng nhiệm vụ tại Phụ lục kèm theo.`,
      { indentFirst: true },
    ),
    line(
      'Các phòng, đơn vị căn cứ nhiệm vụ được giao chủ động triển khai, cập nhật tiến độ và kết quả thực hiện trên hệ thống; báo cáo đúng thời hạn quy định.',
      { indentFirst: true },
    ),
    gap(),
    columns(
      [w / 2, w / 2],
      [
        [
          [
            line('Nơi nhận:', { bold: true, italics: true, size: 12, after: 0 }),
            line('- Như trên;', { size: 11, after: 0 }),
            line('- Lưu: VT, VP.', { size: 11, after: 0 }),
          ],
          signature(plan.signer ? 'GIÁM ĐỐC' : 'THỦ TRƯỞNG CƠ QUAN', plan.signer ?? '', ''),
        ],
      ],
    ),
    gap(12),
    line('PHỤ LỤC', { align: 'center', bold: true, size: 13, after: 0 }),
    line(
      `Danh mục nhiệm vụ${plan.documentNumber ? ` (kèm theo văn bản số ${plan.documentNumber}${plan.documentDate ? ` ngày ${dmy(plan.documentDate)}` : ''})` : ''}`,
      { align: 'center', italics: true, after: 6 },
    ),
    grid(widths, ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'], rows, [
      'center',
      'left',
      'left',
      'left',
      'center',
      'left',
    ]),
  ];
  return pack(children, title);
}
