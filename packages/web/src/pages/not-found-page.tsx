import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/use-page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('pages.not_found_title'));
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('pages.not_found_title')}</h1>}
      subTitle={t('pages.not_found_body')}
      extra={<Link to="/">{t('common.back_home')}</Link>}
    />
  );
}
