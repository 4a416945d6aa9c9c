import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

/** Tiếng Việt / English. Each name is written in its own language, as language pickers should be. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <div role="group" aria-label={t('app.language')}>
      <Segmented<Language>
        size="small"
        value={current}
        onChange={(lng) => void setLanguage(lng)}
        options={[
          { value: 'vi', label: <span lang="vi">{t('app.language_vi')}</span> },
          { value: 'en', label: <span lang="en">{t('app.language_en')}</span> },
        ]}
      />
    </div>
  );
}
