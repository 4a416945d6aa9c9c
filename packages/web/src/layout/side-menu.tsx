import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth/me-context';
import { entryForPath, MENU_ENTRIES, MENU_GROUPS, type MenuEntry } from './menu-entries';

type Item = Required<MenuProps>['items'][number];

/** The sidebar: only the entries the user may use, groups only when they have a visible entry. */
export function SideMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const visible = MENU_ENTRIES.filter((e) => e.visible(me));

  const toItem = (e: MenuEntry): Item => ({
    key: e.key,
    icon: e.icon,
    label: <Link to={e.path}>{t(e.labelKey)}</Link>,
  });
  const items: Item[] = [
    ...visible.filter((e) => !e.group).map(toItem),
    ...MENU_GROUPS.flatMap((g): Item[] => {
      const children = visible.filter((e) => e.group === g.key).map(toItem);
      return children.length > 0 ? [{ key: `group:${g.key}`, icon: g.icon, label: t(g.labelKey), children }] : [];
    }),
  ];
  const selected = entryForPath(location.pathname);

  return (
    <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected.key] : []} defaultOpenKeys={MENU_GROUPS.map((g) => `group:${g.key}`)} />
  );
}
