import {
  QuestionnaireDefinitionSchema,
  type QuestionnaireDefinition,
  type QuestionnaireDefinitionInput,
  type SipasAspect,
  type SipasElement,
} from '@cchc/domain';

// Questionnaire templates shipped as data (docs/surveys.md, "Templates"). A template is copied into a
// new draft; the agency then adapts it. Where the sources are uncertain the template says so in its
// intro text instead of pretending to be the official form.

type T = { vi: string; en: string };
const t = (vi: string, en: string): T => ({ vi, en });

const LIKERT = [
  t('Rất không hài lòng', 'Very dissatisfied'),
  t('Không hài lòng', 'Dissatisfied'),
  t('Bình thường', 'Neutral'),
  t('Hài lòng', 'Satisfied'),
  t('Rất hài lòng', 'Very satisfied'),
].map((label, i) => ({ code: String(i + 1), label, weight: i * 25 }));

const sat = (id: string, text: T, element: SipasElement | null, dimension: string | null = null) => ({
  id,
  type: 'likert' as const,
  text,
  levels: LIKERT,
  tag: { element, aspect: element ? ('satisfaction' as SipasAspect) : null, dimension },
});
const yesNo = (id: string, text: T, element: SipasElement | null, aspect: SipasAspect | null = 'perception', extra: object = {}) => ({
  id,
  type: 'yes_no' as const,
  text,
  tag: { element, aspect },
  ...extra,
});
const count = (id: string, text: T, element: SipasElement, max: number, unit: T) => ({
  id,
  type: 'number' as const,
  text,
  min: 0,
  max,
  unit,
  tag: { element, aspect: 'perception' as SipasAspect },
});
const choice = (id: string, text: T, options: Array<[string, T, number]>, tag: object, multiple = false) => ({
  id,
  type: multiple ? ('multiple' as const) : ('single' as const),
  text,
  options: options.map(([code, label, weight]) => ({ code, label, weight })),
  tag,
});
/** Options A–D weighted 100/60/20/0 % of the question's points (a provincial practice; E's weight is not documented). */
const abcd = (labels: [T, T, T, T]): Array<[string, T, number]> => labels.map((l, i) => [['A', 'B', 'C', 'D'][i]!, l, [100, 60, 20, 0][i]!]);

const sipas: QuestionnaireDefinitionInput = {
  title: t('Khảo sát sự hài lòng về dịch vụ hành chính công (theo phương pháp SIPAS)', 'Satisfaction with public administrative services (SIPAS method)'),
  intro: t(
    'Phiếu gồm 5 yếu tố của dịch vụ: tiếp cận dịch vụ, thủ tục hành chính, công chức giải quyết, kết quả, tiếp nhận và xử lý góp ý. Ý kiến của Ông/Bà giúp cơ quan cải thiện chất lượng phục vụ.',
    'Five service elements: access, the procedure, the civil servant, the result, feedback handling. Your answers help the agency improve.',
  ),
  sections: [
    {
      id: 'access',
      title: t('Tiếp cận dịch vụ', 'Access to the service'),
      questions: [
        choice(
          'access_channel',
          t('Ông/Bà biết đến thủ tục này qua đâu?', 'How did you learn about this procedure?'),
          [
            ['web', t('Trang thông tin điện tử', 'Website'), 0],
            ['desk', t('Bộ phận Một cửa', 'One-stop desk'), 0],
            ['people', t('Người quen', 'Acquaintances'), 0],
            ['other', t('Khác', 'Other'), 0],
          ],
          { element: 'access', aspect: 'perception' },
          true,
        ),
        sat('access_place', t('Nơi ngồi chờ, trang thiết bị phục vụ tại Bộ phận Một cửa', 'Waiting area and equipment at the one-stop desk'), 'access'),
        sat('access_info', t('Việc tìm hiểu thông tin về thủ tục', 'Finding information about the procedure'), 'access'),
      ],
    },
    {
      id: 'procedure',
      title: t('Thủ tục hành chính', 'The procedure'),
      questions: [
        yesNo('procedure_public', t('Thủ tục có được niêm yết công khai đầy đủ không?', 'Was the procedure fully published?'), 'procedure'),
        sat('procedure_components', t('Thành phần hồ sơ phải nộp', 'The documents required'), 'procedure'),
        sat('procedure_time', t('Thời hạn giải quyết theo quy định', 'The statutory processing time'), 'procedure'),
      ],
    },
    {
      id: 'civil_servant',
      title: t('Công chức trực tiếp giải quyết', 'The civil servant'),
      questions: [
        yesNo(
          'servant_extra_payment',
          t('Có công chức gây phiền hà, sách nhiễu hoặc gợi ý nộp thêm tiền không?', 'Did any civil servant harass you or hint at an extra payment?'),
          'civil_servant',
        ),
        sat('servant_attitude', t('Thái độ giao tiếp của công chức', 'The civil servant’s manner'), 'civil_servant'),
        sat('servant_guidance', t('Sự hướng dẫn kê khai hồ sơ của công chức', 'The guidance given to fill in the dossier'), 'civil_servant'),
      ],
    },
    {
      id: 'result',
      title: t('Kết quả giải quyết', 'The result'),
      questions: [
        count(
          'result_trips',
          t('Ông/Bà phải đi lại bao nhiêu lần để hoàn thành thủ tục?', 'How many trips did you need to complete the procedure?'),
          'result',
          50,
          t('lần', 'trips'),
        ),
        yesNo('result_on_time', t('Kết quả có được trả đúng hẹn không?', 'Was the result returned on time?'), 'result'),
        yesNo(
          'result_apology',
          t('Cơ quan có gửi thư xin lỗi và hẹn lại ngày trả không?', 'Did the agency send an apology with a new date?'),
          'result',
          'perception',
          { showIf: { questionId: 'result_on_time', anyOf: ['no'] } },
        ),
        sat('result_content', t('Kết quả nhận được (đúng, đầy đủ, chính xác)', 'The result received (correct and complete)'), 'result'),
      ],
    },
    {
      id: 'feedback',
      title: t('Tiếp nhận và xử lý góp ý, phản ánh', 'Feedback handling'),
      questions: [
        yesNo('feedback_given', t('Ông/Bà có góp ý, phản ánh, kiến nghị trong quá trình giải quyết không?', 'Did you give feedback or complain?'), 'feedback'),
        sat('feedback_handling', t('Việc tiếp nhận và xử lý góp ý của cơ quan', 'How the agency handled your feedback'), 'feedback', null),
        choice(
          'expectation',
          t('Ông/Bà mong muốn cơ quan cải thiện điều gì nhất? (chọn tối đa 3)', 'What should the agency improve most? (up to 3)'),
          [
            ['access', t('Tiếp cận dịch vụ', 'Access'), 0],
            ['procedure', t('Thủ tục hành chính', 'The procedure'), 0],
            ['civil_servant', t('Công chức', 'Civil servants'), 0],
            ['result', t('Kết quả', 'The result'), 0],
            ['feedback', t('Xử lý góp ý', 'Feedback'), 0],
          ],
          { aspect: 'expectation' },
          true,
        ),
        { id: 'comment', type: 'text', text: t('Góp ý khác', 'Other comments'), required: false, maxLength: 1000 },
      ],
    },
  ],
};
// Feedback handling is only rated by those who gave feedback.
(sipas.sections[4]!.questions[1] as { showIf?: unknown }).showIf = { questionId: 'feedback_given', anyOf: ['yes'] };
(sipas.sections[4]!.questions[2] as { maxChoices?: number }).maxChoices = 3;

/** The per-dossier rating, fixed: counts are asked as numbers, satisfaction on a five-level scale. */
const dossierRating: QuestionnaireDefinitionInput = {
  title: t('Đánh giá sau khi nhận kết quả hồ sơ', 'Rating after the result of a dossier'),
  intro: null,
  sections: [
    {
      id: 'facts',
      title: t('Quá trình giải quyết', 'How it went'),
      questions: [
        count('contacts', t('Số lần Ông/Bà phải liên hệ với cơ quan', 'Number of contacts you needed'), 'result', 50, t('lần', 'times')),
        count('agencies', t('Số cơ quan Ông/Bà phải liên hệ', 'Number of agencies you had to contact'), 'procedure', 20, t('cơ quan', 'agencies')),
        yesNo('one_stop', t('Hồ sơ được tiếp nhận và trả kết quả tại Bộ phận Một cửa?', 'Received and returned at the one-stop desk?'), 'access'),
        yesNo('on_time', t('Kết quả được trả đúng hẹn?', 'Returned on time?'), 'result'),
      ],
    },
    {
      id: 'ratings',
      title: t('Mức độ hài lòng', 'Satisfaction'),
      questions: [
        sat('overall', t('Hài lòng chung về việc phục vụ', 'Overall service'), null, 'overall'),
        sat('ease', t('Sự dễ dàng khi thực hiện thủ tục', 'Ease of the procedure'), 'procedure'),
        sat('timeliness', t('Thời gian giải quyết', 'Processing time'), 'result'),
        sat('attitude', t('Thái độ của công chức', 'Staff attitude'), 'civil_servant'),
        sat('publicity', t('Công khai thủ tục', 'Publicity of the procedure'), 'access'),
        sat('complaints', t('Giải quyết phản ánh, kiến nghị', 'Handling of complaints'), 'feedback'),
        { id: 'comment', type: 'text', text: t('Góp ý', 'Comments'), required: false, maxLength: 1000 },
      ],
    },
  ],
};

const UNCERTAIN = t(
  'Mẫu tham khảo: nội dung và trọng số phương án (A 100%, B 60%, C 20%, D 0%) lấy theo thực tiễn một số tỉnh, chưa đối chiếu văn bản chính thức của tỉnh; cần điều chỉnh theo hướng dẫn của Sở Nội vụ.',
  'Reference form: content and option weights (A 100%, B 60%, C 20%, D 0%) follow some provinces’ practice and are not checked against this province’s official text; adapt it to the Department of Home Affairs’ guidance.',
);

function parForm(kind: 'officials' | 'organisations'): QuestionnaireDefinitionInput {
  const officials = kind === 'officials';
  const level = (id: string, text: T, dimension: string) =>
    choice(id, text, abcd([t('Tốt', 'Good'), t('Khá', 'Fair'), t('Trung bình', 'Average'), t('Kém', 'Poor')]), { dimension });
  return {
    title: officials
      ? t('Phiếu khảo sát cán bộ, công chức về công tác CCHC của cơ quan', 'PAR survey of officials about the agency')
      : t('Phiếu khảo sát tổ chức, doanh nghiệp về công tác CCHC của cơ quan', 'PAR survey of organisations and businesses about the agency'),
    intro: UNCERTAIN,
    sections: [
      {
        id: 'respondent',
        title: t('Thông tin người trả lời', 'About you'),
        questions: officials
          ? [
              choice(
                'position',
                t('Chức vụ', 'Position'),
                [
                  ['leader', t('Lãnh đạo', 'Leader'), 0],
                  ['head', t('Trưởng, phó phòng', 'Head of division'), 0],
                  ['staff', t('Công chức, viên chức', 'Staff'), 0],
                ],
                { dimension: 'respondent' },
              ),
              choice(
                'years',
                t('Thâm niên công tác', 'Years of service'),
                [
                  ['lt5', t('Dưới 5 năm', 'Under 5 years'), 0],
                  ['5to15', t('5–15 năm', '5–15 years'), 0],
                  ['gt15', t('Trên 15 năm', 'Over 15 years'), 0],
                ],
                { dimension: 'respondent' },
              ),
            ]
          : [
              choice(
                'org_kind',
                t('Loại hình', 'Kind of organisation'),
                [
                  ['business', t('Doanh nghiệp', 'Business'), 0],
                  ['association', t('Hội, hiệp hội', 'Association'), 0],
                  ['public', t('Đơn vị sự nghiệp', 'Public service unit'), 0],
                ],
                { dimension: 'respondent' },
              ),
            ],
      },
      {
        id: 'assessment',
        title: t('Đánh giá', 'Assessment'),
        questions: officials
          ? [
              level('direction', t('Công tác chỉ đạo, điều hành CCHC của lãnh đạo cơ quan', 'Leadership of PAR in the agency'), 'par_direction'),
              level('institutions', t('Việc xây dựng và thực hiện văn bản, quy chế nội bộ', 'Internal rules and their application'), 'par_institutions'),
              level('organisation', t('Việc sắp xếp tổ chức bộ máy, vị trí việc làm', 'Organisation and job positions'), 'par_organisation'),
              level('civil_service', t('Việc đánh giá, sử dụng công chức', 'Evaluation and use of staff'), 'par_civil_service'),
              level('finance', t('Việc thực hiện cơ chế tự chủ tài chính', 'Financial autonomy'), 'par_finance'),
              level('digital', t('Ứng dụng công nghệ thông tin, chuyển đổi số', 'Use of IT and digital transformation'), 'par_digital'),
            ]
          : [
              level('publicity', t('Công khai, minh bạch thủ tục hành chính', 'Publicity of procedures'), 'par_procedures'),
              level('time', t('Thời gian giải quyết thủ tục so với quy định', 'Processing time against the rules'), 'par_procedures'),
              level('attitude', t('Tinh thần, thái độ phục vụ của công chức', 'Staff service attitude'), 'par_civil_service'),
              level('online', t('Chất lượng dịch vụ công trực tuyến', 'Quality of online services'), 'par_digital'),
              level('feedback', t('Tiếp nhận, xử lý phản ánh kiến nghị', 'Handling of feedback'), 'par_feedback'),
            ],
      },
      {
        id: 'comments',
        title: t('Góp ý', 'Comments'),
        questions: [
          { id: 'comment', type: 'text', text: t('Đề xuất để cơ quan làm tốt hơn', 'What should the agency do better?'), required: false, maxLength: 2000 },
        ],
      },
    ],
  };
}

export const SURVEY_TEMPLATE_KEYS = ['sipas_service', 'dossier_rating', 'par_officials', 'par_organisations'] as const;
export type SurveyTemplateKey = (typeof SURVEY_TEMPLATE_KEYS)[number];

const TEMPLATES: Record<SurveyTemplateKey, QuestionnaireDefinitionInput> = {
  sipas_service: sipas,
  dossier_rating: dossierRating,
  par_officials: parForm('officials'),
  par_organisations: parForm('organisations'),
};

/** A fresh, parsed copy of a template (callers may change it freely). */
export function surveyTemplate(key: SurveyTemplateKey): QuestionnaireDefinition {
  return QuestionnaireDefinitionSchema.parse(structuredClone(TEMPLATES[key]));
}
