/**
 * Links follow a multiple select: ids added are linked, ids removed are unlinked, one call each.
 * @example linkChanges(['a', 'b'], ['b', 'c']) // { link: ['c'], unlink: ['a'] }
 */
export function linkChanges(before: readonly string[], after: readonly string[]): { link: string[]; unlink: string[] } {
  return { link: after.filter((id) => !before.includes(id)), unlink: before.filter((id) => !after.includes(id)) };
}
