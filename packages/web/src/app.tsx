import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/http';
import { router } from './router';
import './app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again; network blips and 5xx might.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// AntD's default primary (#1677ff), error red, warning gold and grey helper text fall below
// WCAG AA contrast (4.5:1) on white; these keep every text colour at or above it (axe-checked).
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorTextHover: '#a8071a',
    colorErrorActive: '#820014',
    colorWarning: '#b45309',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily: "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  },
};

// People who ask their system for less motion (vestibular disorders, slow machines) get none: Ant Design's
// dialogs, dropdowns and messages then appear and go at once. The browser journeys ask for it too, so a
// loaded machine never leaves them waiting on an animation (README, "Testing").
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const reducedMotionQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(REDUCED_MOTION) : null;
const subscribeReducedMotion = (onChange: () => void) => {
  reducedMotionQuery?.addEventListener('change', onChange);
  return () => reducedMotionQuery?.removeEventListener('change', onChange);
};
const prefersReducedMotion = () => reducedMotionQuery?.matches ?? false;
const themes = { moving: theme, still: { ...theme, token: { ...theme.token, motion: false } } } satisfies Record<string, ThemeConfig>;

export function App() {
  const { i18n } = useTranslation();
  const reduced = useSyncExternalStore(subscribeReducedMotion, prefersReducedMotion);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={reduced ? themes.still : themes.moving}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
