import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner that screen readers announce as a status. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div role="status" style={{ display: 'grid', placeItems: 'center', minHeight: '40vh' }}>
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

/** The spinner shown before any layout exists, inside the page's only landmark. */
export function FullPageSpinner() {
  return (
    <main>
      <PageSpinner />
    </main>
  );
}
