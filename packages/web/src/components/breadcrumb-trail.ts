/** What the breadcrumb needs of a menu entry. */
export interface TrailEntry {
  path: string;
  labelKey: string;
}

/**
 * The pages above a detail page, for its breadcrumb (issue #13 item 11): the menu's list pages whose path is a
 * leading part of the current one (`/plans/tasks/7/edit` → `/plans`, `/plans/tasks`), shortest first. Pages of
 * the menu itself (a path the menu lists as is, such as `/dossiers/receive`) get none: the sidebar shows where
 * they are. Entries with a parameter (`/dossiers/:id`) are never in a trail.
 * @example breadcrumbTrail([{ path: '/dossiers', labelKey: 'q' }, { path: '/dossiers/:id', labelKey: 'd' }], '/dossiers/42') // [{ path: '/dossiers', labelKey: 'q' }]
 */
export function breadcrumbTrail<E extends TrailEntry>(entries: readonly E[], pathname: string): E[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const lists = entries.filter((e) => !e.path.includes(':') && e.path !== '/');
  if (path === '/' || lists.some((e) => e.path === path)) return [];
  return lists.filter((e) => path.startsWith(`${e.path}/`)).sort((a, b) => a.path.length - b.path.length);
}
