import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/use-page-title';

export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.forbidden_title'));
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('pages.forbidden_title')}</h1>}
      subTitle={t('pages.forbidden_body')}
      extra={<Link to="/">{t('common.back_home')}</Link>}
    />
  );
}
