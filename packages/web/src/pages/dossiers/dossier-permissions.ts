// What the dossier pages offer, from the permissions the server listed in /api/me. The server checks
// every request again; per-dossier buttons come from the dossier's own `can` flags.
import type { Me } from '../../api/types';

const has = (me: Pick<Me, 'permissions'>, action: string): boolean => me.permissions.includes(action);

/** The desk (Bộ phận Một cửa): receives dossiers and returns results. */
export const canReceiveDossiers = (me: Pick<Me, 'permissions'>): boolean => has(me, 'dossier.receive');
/** Processing units: specialists, division heads, leaders. */
export const canProcessDossiers = (me: Pick<Me, 'permissions'>): boolean => has(me, 'dossier.process');
/** Division heads and leaders: hand dossiers to specialists ("Chờ phân công", bulk assignment). */
export const canAssignDossiers = (me: Pick<Me, 'permissions'>): boolean => has(me, 'dossier.assign');
/** The queues: anyone who reads, receives or processes dossiers on some unit. */
export const canReadDossiers = (me: Pick<Me, 'permissions'>): boolean => has(me, 'dossier.read') || has(me, 'dossier.receive') || has(me, 'dossier.process');
/** The statistics report has its own permission (a specialist reads dossiers but not the report). */
export const canReadDossierStatistics = (me: Pick<Me, 'permissions'>): boolean => has(me, 'dossier.statistics');
