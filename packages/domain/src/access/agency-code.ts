/**
 * Agency identifier per QCVN 102:2016/BTTTT (docs/domain/dossiers.md#dossier-code): `V1V2V3.Z1Z2.Y1Y2.MX1X2`,
 * e.g. Quảng Ninh People's Committee `000.00.00.H49`, a Sở under it `000.00.12.H49`.
 */
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** @example isAgencyCode('000.00.12.H49') // true */
export function isAgencyCode(s: string): boolean {
  return AGENCY_CODE.test(s);
}
