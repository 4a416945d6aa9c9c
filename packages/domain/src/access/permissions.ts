import type { Role } from './roles';

const ALL: readonly Role[] = ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'specialist', 'one_stop_officer', 'appraiser', 'viewer'];

/**
 * The permission matrix: which roles may perform an action on a record of a unit they cover.
 * It is data so that one test can walk every route × role (docs/conventions.md#authorization).
 */
export const PERMISSIONS = {
  'unit.read': ALL,
  'unit.manage': ['system_admin', 'agency_admin'],
  'user.read': ['system_admin', 'agency_admin', 'leader', 'unit_head'],
  'user.manage': ['system_admin', 'agency_admin'],
  'audit.read': ['system_admin', 'agency_admin'],
  // Files have no permission of their own: they are read and attached by the owning record's rules.
  // The procedure catalogue is read by everyone in scope (the one-stop desk picks from it) and
  // kept by the Department office, which controls procedures (kiểm soát TTHC) for the agency.
  'procedure.read': ALL,
  'procedure.manage': ['system_admin', 'agency_admin', 'par_secretary'],
  'calendar.manage': ['system_admin'],
  // One-stop dossiers (docs/domain/dossiers.md): the desk receives and returns, the processing units process;
  // both read what passes through their units. Statistics are for leaders and the office.
  'dossier.read': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'specialist', 'one_stop_officer', 'viewer'],
  'dossier.receive': ['system_admin', 'one_stop_officer'],
  'dossier.process': ['system_admin', 'leader', 'unit_head', 'specialist'],
  // A division head (or a leader) hands a dossier to one of the specialists who process it.
  'dossier.assign': ['system_admin', 'leader', 'unit_head'],
  'dossier.statistics': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'one_stop_officer', 'viewer'],
  // Bulk import and live sync of dossiers from another one-stop system (docs/dossier-imports.md): the
  // agency's administrators, who answer for the data taken over.
  'dossier.import': ['system_admin', 'agency_admin'],
  // PAR index (docs/domain/par-index.md): the province's PAR secretariat keeps criteria sets and runs the cycle; a
  // Department's office, leaders and division heads self-assess; the appraisal council appraises.
  'par.read': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'specialist', 'appraiser', 'viewer'],
  'par.manage_criteria': ['system_admin', 'par_secretary'],
  'par.manage_cycle': ['system_admin', 'par_secretary'],
  'par.self_assess': ['leader', 'par_secretary', 'unit_head'],
  'par.appraise': ['appraiser'],
  // Periodic reports (docs/reports.md): every staff role reads them (the appraisal council has no
  // business with them); the office keeps the obligations; leaders, the office and division heads
  // send the reports of the units they cover.
  'report.read': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'specialist', 'one_stop_officer', 'viewer'],
  'report.manage': ['system_admin', 'agency_admin', 'par_secretary'],
  'report.submit': ['par_secretary', 'leader', 'unit_head'],
  // Reform plans and tasks (docs/plans.md): leaders and the PAR secretariat issue the agency's plans; a
  // division head updates the division's tasks and hands them to specialists; a specialist updates only the
  // tasks whose lead person they are (checked by the service beside this matrix); the assigning leader approves.
  'plan.read': ALL,
  'plan.manage': ['system_admin', 'leader', 'par_secretary'],
  'task.update': ['leader', 'par_secretary', 'unit_head', 'specialist'],
  'task.assign': ['leader', 'par_secretary', 'unit_head'],
  'task.approve': ['leader'],
  // Satisfaction surveys (docs/surveys.md): the office builds questionnaires and runs
  // campaigns; leaders and division heads read the results.
  'survey.read': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'viewer'],
  'survey.manage': ['system_admin', 'agency_admin', 'par_secretary'],
  // QĐ 766 service-quality indicators (docs/domain/qd766.md): read by those who read the statistics; the office and
  // the desk enter the figures CCHC does not hold; the PAR secretariat keeps the province's indicator sets.
  'indicator.read': ['system_admin', 'agency_admin', 'leader', 'par_secretary', 'unit_head', 'one_stop_officer', 'viewer'],
  'indicator.enter': ['system_admin', 'agency_admin', 'par_secretary', 'one_stop_officer'],
  'indicator.manage': ['system_admin', 'par_secretary'],
  // Personal API tokens serve integrations: the live sync of dossier imports (docs/dossier-imports.md), which
  // needs dossier.import, and other systems reading on an administrator's behalf. Only administrators create
  // them; every user still lists and revokes their own (docs/architecture.md "API tokens").
  'api_token.create': ['system_admin', 'agency_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** One role held over a set of units (the assigned unit and its descendants). */
export interface Grant {
  readonly role: Role;
  readonly unitId: string;
  readonly unitIds: readonly string[];
}

/** The acting user, resolved at login/token check. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly grants: readonly Grant[];
  readonly roles: readonly Role[];
}

/** True when the actor holds a role allowed for `action` on a grant that covers `unitId`. */
export function can(actor: Actor, action: Action, unitId: string): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return actor.grants.some((g) => allowed.includes(g.role) && g.unitIds.includes(unitId));
}

/** Units on which the actor may perform `action`. */
export function unitsFor(actor: Actor, action: Action): string[] {
  const allowed: readonly Role[] = PERMISSIONS[action];
  const out = new Set<string>();
  for (const g of actor.grants) if (allowed.includes(g.role)) for (const u of g.unitIds) out.add(u);
  return [...out];
}

/** True when the actor holds the action's role anywhere (used for listing pages and menus). */
export function canAnywhere(actor: Actor, action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return actor.grants.some((g) => allowed.includes(g.role));
}
