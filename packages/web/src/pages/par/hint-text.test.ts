import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import vi from '../../i18n/vi.json';
import { hintText } from './hint-text';

const tOf = async (lng: 'vi' | 'en') => {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  return i.t;
};

describe('hintText', () => {
  it.each([
    {
      lng: 'vi',
      hint: { code: 'reports.due_soon', params: { count: 2, due: '2026-12-15' } },
      points: 100,
      text: '2 báo cáo đến hạn trước 15/12/2026: gửi đúng hạn để giữ 1,00 điểm',
    },
    {
      lng: 'en',
      hint: { code: 'reports.due_soon', params: { count: 1, due: '2026-12-15' } },
      points: 100,
      text: '1 report due before 15/12/2026: submit it on time to keep 1,00 points',
    },
    {
      lng: 'vi',
      hint: { code: 'plans.tasks_due_soon', params: { count: 3, due: '2026-11-30' } },
      points: 200,
      text: '3 nhiệm vụ đến hạn trước 30/11/2026: hoàn thành đúng hạn để giữ 2,00 điểm',
    },
    {
      lng: 'vi',
      hint: { code: 'plans.plan_not_issued', params: { due: '2026-01-31' } },
      points: 100,
      text: 'Chưa ban hành kế hoạch CCHC năm (hạn 31/01/2026): ban hành đúng hạn để giữ 1,00 điểm',
    },
    { lng: 'en', hint: { code: 'reports.late', params: { count: 2 } }, points: 100, text: '2 reports were late this year' },
    {
      lng: 'vi',
      hint: {
        code: 'surveys.weakest_element',
        params: {
          indexBasisPoints: 8120,
          marginBasisPoints: 412,
          responses: 385,
          element: 'civil_servant',
          basisPoints: 7500,
          nextElement: 'result',
          nextBasisPoints: 7810,
        },
      },
      points: 3600,
      text: 'Chỉ số khảo sát 81,20\u00a0% ± 4,12\u00a0% (385 phiếu). Hài lòng thấp nhất: Công chức giải quyết (75,00\u00a0%), tiếp theo Kết quả giải quyết (78,10\u00a0%); cải thiện các yếu tố này để giữ điểm khảo sát',
    },
    {
      lng: 'en',
      hint: { code: 'surveys.index_margin', params: { indexBasisPoints: 8120, marginBasisPoints: 412, responses: 385 } },
      points: 3600,
      text: 'Survey index 81,20\u00a0% ± 4,12\u00a0% (385 responses)',
    },
  ] as const)('renders $hint.code in $lng', async ({ lng, hint, points, text }) =>
    expect(hintText(await tOf(lng), { code: hint.code, params: hint.params as unknown as Record<string, string | number> }, points)).toBe(text),
  );

  it('answers null for no hint and for a code without text', async () => {
    const t = await tOf('vi');
    expect(hintText(t, null, 100)).toBeNull();
    expect(hintText(t, { code: 'plans.unheard_of', params: {} }, 100)).toBeNull();
  });
});
