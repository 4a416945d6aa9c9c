// Test data shared by the procedure test files (not a test file itself, so importing it runs nothing).

let n = 0;
/** A complete, valid procedure of the unit; the test clock's today is 2026-03-02. */
export function procedureBody(unitId: string, over: Record<string, unknown> = {}) {
  n++;
  return {
    unitId,
    code: `1.${String(4000 + n).padStart(6, '0')}`,
    name: `Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ ${n}`,
    sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
    level: 'province',
    timeLimit: { value: 15, unit: 'working_days' },
    fees: [{ name: 'Phí thẩm định', amountVnd: 3_000_000, note: null }],
    components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true }],
    channels: ['counter', 'post', 'online'],
    onlineLevel: 'partial',
    resultType: 'paper',
    resultName: 'Giấy chứng nhận',
    legalBasis: 'Nghị định 08/2014/NĐ-CP',
    applicants: 'Tổ chức khoa học và công nghệ',
    publication: { number: '123/QĐ-UBND', date: '2025-06-30' },
    receivingCutoffMinute: 900,
    steps: [
      { code: 'TN', name: 'Tiếp nhận', unitId: null, budget: { value: 4, unit: 'working_hours' } },
      { code: 'TD', name: 'Thẩm định', unitId: null, budget: { value: 12, unit: 'working_days' } },
      { code: 'PD', name: 'Phê duyệt', unitId: null, budget: { value: 3, unit: 'working_days' } },
    ],
    ...over,
  };
}
