import { describe, expect, it } from 'vitest';
import { countsOf } from './survey-counts.repository';

const response = {
  id: 'r1',
  campaignId: 'c1',
  submittedOn: '2026-03-05',
  mode: 'web',
  stratumKey: null,
  unitId: 'u1',
  procedureCode: null,
  dossierChannel: 'online',
  respondentGroup: null,
  invitationId: null,
  enteredBy: null,
  quality: 'flagged',
  flags: 'duplicate',
  answersHash: null,
};
const row = (questionId: string, optionCode: string | null, valueNumber: number | null = null) => ({ questionId, optionCode, valueNumber, valueText: null });

describe('countsOf', () => {
  it('counts per dimension one response, one answer per question (with the number) and one per option', () => {
    const counts = countsOf(response, [row('q1', '4'), row('trips', null, 3), row('exp', 'a'), row('exp', 'b')]);
    // 6 dimensions × (response + 3 answered + 3 options).
    expect(counts).toHaveLength(42);
    const mode = counts.filter((c) => c.dim === 'mode');
    expect(mode.every((c) => c.dimValue === 'web' && c.n === 1)).toBe(true);
    expect(mode.find((c) => c.questionId === 'trips')).toMatchObject({ optionCode: '', valueSum: 3, valueMin: 3, valueMax: 3 });
    expect(counts.filter((c) => c.dim === 'procedure').every((c) => c.dimValue === '')).toBe(true);
    expect(counts.filter((c) => c.dim === 'quality').every((c) => c.dimValue === 'flagged')).toBe(true);
  });
  it("writes in one order whatever the respondent's order of chosen options (no deadlock between concurrent upserts)", () => {
    expect(countsOf(response, [row('exp', 'b'), row('exp', 'a')])).toEqual(countsOf(response, [row('exp', 'a'), row('exp', 'b')]));
  });
});
