import { useMe } from '../auth/me-context';
import { ForbiddenPage } from '../pages/forbidden-page';
import type { MenuEntry } from './menu-entries';

/** Opens a module page only for users who would see it in the menu; the server checks again. */
export function RequireEntry({ entry }: { entry: MenuEntry }) {
  const me = useMe();
  if (!entry.visible(me)) return <ForbiddenPage />;
  const Page = entry.page;
  return <Page />;
}
