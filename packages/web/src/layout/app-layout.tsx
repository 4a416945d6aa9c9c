import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { PageSpinner } from '../components/full-page-spinner';
import { AccountMenu } from './account-menu';
import { HeaderSearch } from './header-search';
import { LanguageSwitch } from './language-switch';
import { MenuEntriesContext } from './menu-context';
import { MENU_ENTRIES } from './menu-entries';
import { NotificationBell } from './notification-bell';
import { SideMenu } from './side-menu';
import { useFocusableScrollRegions } from './use-scroll-regions';
import './app-layout.css';

/**
 * Skip link, header, navigation and the page's <main>. On a phone (narrower than antd's `md`, 768 px) the
 * sidebar becomes a drawer opened from the header, and the header keeps icons only (issue #13 item 10).
 */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  useFocusableScrollRegions(phone);

  // Following a link in the drawer closes it.
  useEffect(() => setDrawer(false), [location.pathname]);

  const nav = (
    <nav aria-label={t('app.main_nav')}>
      <SideMenu />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }} className={phone ? 'app-phone' : undefined}>
      <a className="skip-link" href="#main-content">
        {t('app.skip_to_content')}
      </a>
      {phone ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={280}
          title={
            <Link to="/" className="app-brand app-brand-drawer">
              {t('app.full_name')}
            </Link>
          }
          className="app-drawer"
          styles={{ body: { padding: 0 } }}
        >
          {nav}
          <div className="app-drawer-footer">
            <LanguageSwitch />
          </div>
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" trigger={null} width={240} className="app-sider">
          <Link to="/" className="app-brand">
            {collapsed ? t('app.name') : t('app.full_name')}
          </Link>
          {nav}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={8} className="app-header-start">
            {phone ? (
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('app.open_menu')} aria-expanded={drawer} />
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label={collapsed ? t('app.expand_menu') : t('app.collapse_menu')}
                aria-expanded={!collapsed}
              />
            )}
            <Typography.Text strong>{t('app.name')}</Typography.Text>
          </Flex>
          <Flex align="center" gap={phone ? 4 : 16} className="app-header-end">
            <HeaderSearch compact={phone || screens.lg === false} />
            {phone ? null : <LanguageSwitch />}
            <NotificationBell />
            <AccountMenu compact={phone} />
          </Flex>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} className="app-content">
          <Suspense fallback={<PageSpinner />}>
            <MenuEntriesContext.Provider value={MENU_ENTRIES}>
              <Outlet />
            </MenuEntriesContext.Provider>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
