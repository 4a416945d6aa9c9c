import { describe, expect, it } from 'vitest';
import { toFormProblems } from './receipt-fields';

describe('receipt form field errors', () => {
  it('puts each server field error under the input that holds it', () => {
    expect(
      toFormProblems([
        { path: 'body.applicant.name', code: 'too_small' },
        { path: 'body.applicant.phone', code: 'dossier.phone_invalid' },
        { path: 'body.receivedAt', code: 'dossier.received_at_future' },
        { path: 'body.channel', code: 'dossier.channel_not_allowed' },
        { path: 'body.components.2.name', code: 'too_small' },
        { path: 'body.procedureId', code: 'dossier.procedure_inactive' },
      ]),
    ).toEqual([
      { path: 'applicantName', code: 'too_small' },
      { path: 'phone', code: 'dossier.phone_invalid' },
      { path: 'receivedAt', code: 'dossier.received_at_future' },
      { path: 'channel', code: 'dossier.channel_not_allowed' },
      { path: 'components', code: 'too_small' },
      { path: 'procedureId', code: 'dossier.procedure_inactive' },
    ]);
  });
});
