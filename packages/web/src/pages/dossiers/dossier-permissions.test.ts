import { describe, expect, it } from 'vitest';
import { canProcessDossiers, canReadDossiers, canReadDossierStatistics, canReceiveDossiers } from './dossier-permissions';

// The permissions each role holds somewhere (packages/domain/src/access/permissions.ts), as /api/me lists them.
const officer = { permissions: ['procedure.read', 'dossier.read', 'dossier.receive', 'dossier.statistics'] };
const specialist = { permissions: ['procedure.read', 'dossier.read', 'dossier.process'] };
const appraiser = { permissions: ['procedure.read'] };

describe('dossier menu entries', () => {
  it('gives the desk the receipt, the queues and the statistics', () => {
    expect([canReceiveDossiers(officer), canReadDossiers(officer), canReadDossierStatistics(officer), canProcessDossiers(officer)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('gives a specialist the queues only', () => {
    expect([canReceiveDossiers(specialist), canReadDossiers(specialist), canReadDossierStatistics(specialist), canProcessDossiers(specialist)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  it('gives nothing to someone without dossier permissions', () => {
    expect([canReceiveDossiers(appraiser), canReadDossiers(appraiser), canReadDossierStatistics(appraiser)]).toEqual([false, false, false]);
  });
});
