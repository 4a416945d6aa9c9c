import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'cchc.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  dayjs.locale(lng === 'en' ? 'en' : 'vi');
}

/** Switches the UI language and remembers it for the next visit. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this visit.
  }
  await i18n.changeLanguage(lng);
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
applyLanguage(i18n.language);

export default i18n;
