/**
 * Roles a user can hold, each assigned on a unit and valid for that unit and everything below it.
 * docs/domain/README.md#who-uses-it names the people behind them.
 */
export const ROLES = [
  'system_admin', // runs the installation: every agency, users, audit
  'agency_admin', // administers one agency's units and users
  'leader', // Giám đốc / Phó Giám đốc: dashboards, assigns tasks
  'par_secretary', // Văn phòng Sở: criteria, self-assessment, reports
  'unit_head', // Trưởng phòng
  'specialist', // Chuyên viên
  'one_stop_officer', // Bộ phận Một cửa: receives and returns dossiers
  'appraiser', // Hội đồng thẩm định (Sở Nội vụ)
  'viewer', // read-only
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['province', 'department', 'service_center', 'division', 'affiliate'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds that can stand at the top of the tree: the agencies first-run setup or a system administrator creates. */
export const TOP_LEVEL_UNIT_KINDS = ['province', 'department', 'service_center'] as const satisfies readonly UnitKind[];

/** Which kinds of unit may sit directly under which. */
export const ALLOWED_CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  province: ['department', 'service_center'],
  department: ['division', 'affiliate'],
  service_center: ['division'],
  division: [],
  affiliate: ['division'],
};
