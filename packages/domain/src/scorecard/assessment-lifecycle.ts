// The lifecycle of a PAR assessment as data (docs/domain/par-index.md#score-layers-evidence-and-not-applicable-rows):
// every status check of the server reads this table, so the rule "who may do what when" is written once.

export const ASSESSMENT_STATUSES = ['self_assessing', 'submitted', 'appraising', 'explaining', 'final', 'published'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Actions on an existing assessment. Creation has no "from" status. */
export const ASSESSMENT_ACTIONS = ['self_score', 'self_note', 'edit_evidence', 'appraise', 'submit', 'request_explanation', 'finalize', 'publish'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/**
 * For each action, the statuses it may start from and the status it leads to. Actions that change no
 * status map a status to itself. Everything not listed is refused.
 * - The agency scores while self-assessing; in the explanation round it may only explain (notes, evidence).
 * - The first appraised score moves a submitted assessment to `appraising`.
 * - Submitting an explanation sends the assessment back to the appraiser.
 */
export const ASSESSMENT_TRANSITIONS = {
  self_score: { self_assessing: 'self_assessing' },
  self_note: { self_assessing: 'self_assessing', explaining: 'explaining' },
  edit_evidence: { self_assessing: 'self_assessing', explaining: 'explaining' },
  appraise: { submitted: 'appraising', appraising: 'appraising', explaining: 'explaining' },
  submit: { self_assessing: 'submitted', explaining: 'appraising' },
  request_explanation: { submitted: 'explaining', appraising: 'explaining' },
  finalize: { submitted: 'final', appraising: 'final', explaining: 'final' },
  publish: { final: 'published' },
} as const satisfies Record<AssessmentAction, Partial<Record<AssessmentStatus, AssessmentStatus>>>;

/**
 * The status an action leads to from `status`, or null when the lifecycle forbids it.
 * @example nextAssessmentStatus('explaining', 'submit') // 'appraising'
 * @example nextAssessmentStatus('final', 'self_score') // null
 */
export function nextAssessmentStatus(status: AssessmentStatus, action: AssessmentAction): AssessmentStatus | null {
  const row: Partial<Record<AssessmentStatus, AssessmentStatus>> = ASSESSMENT_TRANSITIONS[action];
  return row[status] ?? null;
}

/**
 * Whether the lifecycle allows an action in a status.
 * @example assessmentAllows('appraising', 'finalize') // true
 */
export function assessmentAllows(status: AssessmentStatus, action: AssessmentAction): boolean {
  return nextAssessmentStatus(status, action) !== null;
}

/** Finished assessments (a final or published result): the ones ranked and compared year on year. */
export function isFinishedAssessment(status: AssessmentStatus): boolean {
  return status === 'final' || status === 'published';
}
