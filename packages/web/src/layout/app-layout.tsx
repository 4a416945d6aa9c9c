import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { PageSpinner } from '../components/full-page-spinner';
import { AccountMenu } from './account-menu';
import { LanguageSwitch } from './language-switch';
import { MenuEntriesContext } from './menu-context';
import { MENU_ENTRIES } from './menu-entries';
import { NotificationBell } from './notification-bell';
import { SideMenu } from './side-menu';
import './app-layout.css';

/** Skip link, header, navigation sidebar and the page's <main>. */
export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">
        {t('app.skip_to_content')}
      </a>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" trigger={null} width={240} className="app-sider">
        <Link to="/" className="app-brand">
          {collapsed ? t('app.name') : t('app.full_name')}
        </Link>
        <nav aria-label={t('app.main_nav')}>
          <SideMenu />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={8}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={collapsed ? t('app.expand_menu') : t('app.collapse_menu')}
              aria-expanded={!collapsed}
            />
            <Typography.Text strong>{t('app.name')}</Typography.Text>
          </Flex>
          <Flex align="center" gap={16}>
            <LanguageSwitch />
            <NotificationBell />
            <AccountMenu />
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
