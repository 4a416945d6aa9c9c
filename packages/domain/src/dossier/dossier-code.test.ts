import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDossierCode, isDossierCode, isLegacyCode, parseAgencyIdentifier, parseDossierCode } from './dossier-code';
import { isAgencyCode } from '../access/agency-code';
import { DomainInputError, RuleViolation, type LocalDate } from '../values';

const d = (s: string) => s as LocalDate;

describe('agency identifier', () => {
  it.each(['000.00.00.H49', '000.00.12.H49', '001.02.03.G12'])('accepts %s', (id) => expect(isAgencyCode(id)).toBe(true));
  it.each(['00.00.12.H49', '000.00.12.h49', '000.00.12.H4', '000-00-12-H49', '000.00.12.H49 ', 'A00.00.12.H49'])('rejects %s', (id) =>
    expect(isAgencyCode(id)).toBe(false),
  );
  it('reads the levels', () => expect(parseAgencyIdentifier('000.00.12.H49')).toEqual({ level4: '000', level3: '00', level2: '12', level1: 'H49' }));
  it('throws on a bad identifier', () => expect(() => parseAgencyIdentifier('H49')).toThrow(DomainInputError));
});

describe('dossier code', () => {
  it('formats the example of docs/domain/dossiers.md#dossier-code', () =>
    expect(formatDossierCode('000.00.12.H49', d('2025-07-15'), 15)).toBe('000.00.12.H49-250715-0015'));

  it('parses it back', () =>
    expect(parseDossierCode('000.00.12.H49-250715-0015')).toEqual({ agencyId: '000.00.12.H49', receivedOn: '2025-07-15', sequence: 15 }));

  it.each([1, 9999])('accepts sequence %i', (n) => expect(parseDossierCode(formatDossierCode('000.00.00.H49', d('2026-02-23'), n)).sequence).toBe(n));

  it('refuses the 10000th dossier of a day as a rule violation', () =>
    expect(() => formatDossierCode('000.00.12.H49', d('2025-07-15'), 10_000)).toThrowError(expect.objectContaining({ code: 'dossier.sequence_exhausted' })));

  it.each([0, -1, 1.5])('rejects sequence %s as input', (n) => {
    expect(() => formatDossierCode('000.00.12.H49', d('2025-07-15'), n)).toThrow(DomainInputError);
    expect(() => formatDossierCode('000.00.12.H49', d('2025-07-15'), n)).not.toThrow(RuleViolation);
  });

  it.each(['2025-02-30', '1999-12-31'])('rejects receipt date %s', (day) =>
    expect(() => formatDossierCode('000.00.12.H49', d(day), 1)).toThrow(DomainInputError),
  );

  it.each([
    '000.00.12.H49-250230-0015', // 30 February
    '000.00.12.H49-250715-0000',
    '000.00.12.H49-250715-015',
    '000.00.12.H49-20250715-0015',
    '00.00.12.H49-250715-0015',
    '000.00.12.H49--250715-0015',
    '000.00.12.H49250715-0015',
    '',
  ])('rejects %j', (code) => {
    expect(isDossierCode(code)).toBe(false);
    expect(() => parseDossierCode(code)).toThrow(DomainInputError);
  });

  it('round-trips any valid agency, day and sequence', () => {
    const agency = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('H', 'G', 'A'),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([v, z, y, m, x]) => `${String(v).padStart(3, '0')}.${String(z).padStart(2, '0')}.${String(y).padStart(2, '0')}.${m}${String(x).padStart(2, '0')}`);
    const day = fc
      .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
      .map((t) => t.toISOString().slice(0, 10) as LocalDate);
    fc.assert(
      fc.property(agency, day, fc.integer({ min: 1, max: 9999 }), (agencyId, receivedOn, sequence) => {
        const code = formatDossierCode(agencyId, receivedOn, sequence);
        expect(isDossierCode(code)).toBe(true);
        expect(isLegacyCode(code)).toBe(true);
        expect(parseDossierCode(code)).toEqual({ agencyId, receivedOn, sequence });
      }),
    );
  });
});

describe('legacy codes on import', () => {
  it.each(['20190712000123', 'HS-2019/0012', 'a_b.c', 'x'.repeat(40)])('accepts %s', (code) => expect(isLegacyCode(code)).toBe(true));
  it.each(['', 'HS 01', 'x'.repeat(41), 'mã-hồ-sơ', 'a;b'])('rejects %j', (code) => expect(isLegacyCode(code)).toBe(false));
});
