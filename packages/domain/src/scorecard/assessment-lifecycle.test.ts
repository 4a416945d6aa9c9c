import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATUSES,
  assessmentAllows,
  isFinishedAssessment,
  nextAssessmentStatus,
  type AssessmentAction,
  type AssessmentStatus,
} from './assessment-lifecycle';

describe('the assessment lifecycle', () => {
  it.each<[AssessmentStatus, AssessmentAction, AssessmentStatus | null]>([
    ['self_assessing', 'submit', 'submitted'],
    ['explaining', 'submit', 'appraising'],
    ['submitted', 'appraise', 'appraising'],
    ['appraising', 'request_explanation', 'explaining'],
    ['explaining', 'finalize', 'final'],
    ['final', 'publish', 'published'],
    ['explaining', 'self_score', null],
    ['explaining', 'self_note', 'explaining'],
    ['submitted', 'edit_evidence', null],
    ['self_assessing', 'finalize', null],
    ['published', 'publish', null],
  ])('%s + %s → %s', (from, action, to) => expect(nextAssessmentStatus(from, action)).toBe(to));

  it('allows nothing on a published assessment', () => {
    for (const action of ASSESSMENT_ACTIONS) expect(assessmentAllows('published', action)).toBe(false);
  });

  it('leads every action only to a known status', () => {
    for (const action of ASSESSMENT_ACTIONS)
      for (const s of ASSESSMENT_STATUSES) {
        const to = nextAssessmentStatus(s, action);
        if (to !== null) expect(ASSESSMENT_STATUSES).toContain(to);
      }
  });

  it('calls final and published finished', () => expect(ASSESSMENT_STATUSES.filter(isFinishedAssessment)).toEqual(['final', 'published']));
});
