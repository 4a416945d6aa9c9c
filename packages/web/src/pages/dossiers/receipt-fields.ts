// The receipt form's fields as the server names them, so its 400 field errors land under the right input.
import type { FieldProblem } from '../../api/types';

const APPLICANT_FIELDS: Record<string, string> = {
  'applicant.kind': 'applicantKind',
  'applicant.name': 'applicantName',
  'applicant.taxCode': 'taxCode',
  'applicant.representative': 'representative',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.idNumber': 'idNumber',
  'applicant.address': 'address',
};

/**
 * Server field paths → the form's names: `body.applicant.name` → `applicantName`,
 * `body.components.2.name` → `components`, `body.receivedAt` → `receivedAt`.
 */
export function toFormProblems(problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => {
    const path = p.path.replace(/^body\./, '');
    if (APPLICANT_FIELDS[path]) return { ...p, path: APPLICANT_FIELDS[path] };
    if (path.startsWith('components.')) return { ...p, path: 'components' };
    return { ...p, path };
  });
}
