import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title for the current route, so each page is announced and bookmarked by name. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.page_title', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
