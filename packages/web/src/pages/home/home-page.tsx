import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission, useMe } from '../../auth/me-context';
import { PageHeader } from '../../components/page-header';
import { useMenuEntries } from '../../layout/menu-context';
import { FirstSteps } from './first-steps';
import { OverviewPanel } from './overview-panel';
import './home-page.css';

/** Roles whose home page opens on the overview of what to watch (docs/overview.md). */
const OVERVIEW_ROLES = ['leader', 'par_secretary', 'unit_head'];

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const modules = useMenuEntries().filter((e) => e.onHome && e.visible(me));
  const administers = hasPermission(me, 'unit.manage');
  const overview = me.grants.some((g) => OVERVIEW_ROLES.includes(g.role));

  return (
    <>
      <PageHeader title={t('home.title')} />
      {administers && <FirstSteps />}
      {overview && <OverviewPanel />}
      <Card style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
          {t('home.welcome', { name: me.fullName })}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('home.unit')}>{me.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            {me.grants.length === 0
              ? t('home.no_roles')
              : me.grants.map((g) => (
                  <Tag key={`${g.role}:${g.unitId}`} color="blue">
                    {t('home.role_at', { role: t(`roles.${g.role}`), unit: g.unitName })}
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('home.modules')}
      </Typography.Title>
      {modules.length === 0 ? (
        <Empty description={t('home.no_modules')} />
      ) : (
        <Row gutter={[16, 16]} role="list">
          {modules.map((entry) => (
            <Col key={entry.key} xs={24} sm={12} lg={8} role="listitem">
              <Link to={entry.path} className="module-card-link">
                <Card hoverable>
                  <Card.Meta
                    avatar={<span className="module-card-icon">{entry.icon}</span>}
                    title={<span>{t(entry.labelKey)}</span>}
                    description={t(entry.descriptionKey)}
                  />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
