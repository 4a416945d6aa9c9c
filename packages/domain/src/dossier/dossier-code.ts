import { isAgencyCode } from '../access/agency-code';
import { DomainInputError, isLocalDate, RuleViolation, type LocalDate } from '../values';

// The agency part is validated by isAgencyCode (QCVN 102:2016/BTTTT, docs/domain/dossiers.md#dossier-code).
const DOSSIER_CODE_RE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;
const LEGACY_CODE_RE = /^[A-Za-z0-9.\-_/]{1,40}$/;

/** Highest daily sequence a 4-digit counter can express. */
export const MAX_DAILY_SEQUENCE = 9999;

export interface AgencyIdentifierParts {
  level4: string;
  level3: string;
  level2: string;
  level1: string;
}

export interface DossierCodeParts {
  agencyId: string;
  receivedOn: LocalDate;
  sequence: number;
}

/**
 * Splits an agency identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2` into its levels, read right to left: `MX1X2`
 * level 1 (group letter, e.g. H = provincial People's Committees, G = ministries), `Y1Y2` level 2,
 * `Z1Z2` level 3, `V1V2V3` level 4; zeros mean no lower level.
 * @example parseAgencyIdentifier('000.00.12.H49') // { level4: '000', level3: '00', level2: '12', level1: 'H49' }
 * @throws DomainInputError('agency_id.invalid')
 */
export function parseAgencyIdentifier(s: string): AgencyIdentifierParts {
  if (!isAgencyCode(s)) throw new DomainInputError('agency_id.invalid', { value: s });
  const [level4 = '', level3 = '', level2 = '', level1 = ''] = s.split('.');
  return { level4, level3, level2, level1 };
}

/**
 * Formats a dossier code `<agency identifier>-<YYMMDD>-<4-digit daily sequence>` (TT 01/2018).
 * @example formatDossierCode('000.00.12.H49', '2025-07-15', 15) // '000.00.12.H49-250715-0015'
 * @throws DomainInputError('agency_id.invalid' | 'date.invalid' | 'dossier.sequence_invalid'),
 *   RuleViolation('dossier.sequence_exhausted') past 9999 receipts in a day
 */
export function formatDossierCode(agencyId: string, receivedOn: LocalDate, sequence: number): string {
  if (!isAgencyCode(agencyId)) throw new DomainInputError('agency_id.invalid', { value: agencyId });
  if (!isLocalDate(receivedOn)) throw new DomainInputError('date.invalid', { value: receivedOn });
  // The code carries a 2-digit year, so it can only name days of 2000–2099.
  if (!receivedOn.startsWith('20')) throw new DomainInputError('date.invalid', { value: receivedOn });
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new DomainInputError('dossier.sequence_invalid', { value: sequence });
  }
  if (sequence > MAX_DAILY_SEQUENCE) {
    throw new RuleViolation('dossier.sequence_exhausted', { agencyId, receivedOn, sequence });
  }
  const yymmdd = receivedOn.slice(2).replaceAll('-', '');
  return `${agencyId}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Parses a dossier code in the TT 01/2018 format.
 * @example parseDossierCode('000.00.12.H49-250715-0015') // { agencyId: '000.00.12.H49', receivedOn: '2025-07-15', sequence: 15 }
 * @throws DomainInputError('dossier_code.invalid')
 */
export function parseDossierCode(code: string): DossierCodeParts {
  const m = DOSSIER_CODE_RE.exec(code);
  const receivedOn = m ? `20${m[2]}-${m[3]}-${m[4]}` : '';
  const sequence = Number(m?.[5]);
  const agencyId = m?.[1] ?? '';
  if (!m || !isAgencyCode(agencyId) || !isLocalDate(receivedOn) || sequence < 1) {
    throw new DomainInputError('dossier_code.invalid', { value: code });
  }
  return { agencyId, receivedOn, sequence };
}

/**
 * True for a well-formed TT 01/2018 dossier code.
 * @example isDossierCode('000.00.12.H49-250715-0015') // true
 * @example isDossierCode('000.00.12.H49-250230-0015') // false (30 February)
 */
export function isDossierCode(code: string): boolean {
  try {
    parseDossierCode(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Accepts a code from an older system on import (e.g. 14-digit numbers, docs/domain/dossiers.md#dossier-code [S]): 1–40
 * characters of letters, digits and `. - _ /`. New dossiers always get a `formatDossierCode` code.
 * @example isLegacyCode('20190712000123') // true
 * @example isLegacyCode('HS 01') // false (space)
 */
export function isLegacyCode(code: string): boolean {
  return LEGACY_CODE_RE.test(code);
}
