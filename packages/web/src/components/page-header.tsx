import { Breadcrumb, Flex, Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { MeContext } from '../auth/me-context';
import { useMenuEntries } from '../layout/menu-context';
import { breadcrumbTrail } from './breadcrumb-trail';
import { usePageTitle } from './use-page-title';

interface Props {
  title: string;
  extra?: ReactNode;
}

/**
 * The page's one h1, also used as the document title. A detail page (a path below one of the menu's list pages)
 * gets a breadcrumb above it: Trang chủ › the list pages › this page (issue #13 item 11).
 */
export function PageHeader({ title, extra }: Props) {
  usePageTitle(title);
  const { t } = useTranslation();
  const me = useContext(MeContext);
  const { pathname } = useLocation();
  const entries = useMenuEntries();
  const trail = me ? breadcrumbTrail(entries, pathname).filter((e) => e.visible(me)) : [];
  return (
    <>
      {trail.length > 0 ? (
        <Breadcrumb
          aria-label={t('app.breadcrumb')}
          className="page-breadcrumb"
          items={[
            { key: '/', title: <Link to="/">{t('app.home')}</Link> },
            ...trail.map((e) => ({ key: e.path, title: <Link to={e.path}>{t(e.labelKey as ParseKeys)}</Link> })),
            { key: 'current', title: <span aria-current="page">{title}</span> },
          ]}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
    </>
  );
}
