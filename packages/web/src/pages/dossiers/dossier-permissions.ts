// What the dossier pages offer, from the permissions the server listed in /api/me. The server checks
// every request again; per-dossier buttons come from the dossier's own `can` flags.
import type { Me } from '../../api/types';

const has = (me: Me, action: string): boolean => me.permissions.includes(action);

export const canReceiveDossiers = (me: Me): boolean => has(me, 'dossier.receive');
export const canReadDossiers = (me: Me): boolean => has(me, 'dossier.read') || has(me, 'dossier.receive') || has(me, 'dossier.process');
export const canReadDossierStatistics = (me: Me): boolean => has(me, 'dossier.statistics') || has(me, 'dossier.read');
