import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/language-switch';
import { usePageTitle } from './use-page-title';

interface Props {
  title: string;
  subtitle?: string;
  width?: number;
  children: ReactNode;
}

/** The frame of pages seen before signing in: header with the language switch, one centred card. */
export function PublicShell({ title, subtitle, width = 420, children }: Props) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <header>
        <Flex justify="space-between" align="center" style={{ padding: '12px 24px' }}>
          <Typography.Text strong>{t('app.full_name')}</Typography.Text>
          <LanguageSwitch />
        </Flex>
      </header>
      <main>
        <Flex justify="center" style={{ padding: '24px 16px' }}>
          <Card style={{ width: '100%', maxWidth: width }}>
            <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
              {title}
            </Typography.Title>
            {subtitle ? <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph> : null}
            {children}
          </Card>
        </Flex>
      </main>
    </div>
  );
}
