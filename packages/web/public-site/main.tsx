import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { lang, setLang, t } from './i18n';
import { Catalogue, Detail } from './pages/catalogue';
import { Lookup } from './pages/lookup';
import { Submit } from './pages/submit';
import { SurveyPage } from './pages/survey';
import './styles.css';

export function navigate(href: string): void {
  history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

function App() {
  const [url, setUrl] = useState(location.pathname + location.search);
  const [, setL] = useState(lang());
  useEffect(() => {
    const on = () => setUrl(location.pathname + location.search);
    addEventListener('popstate', on);
    // Same-origin links inside the site route on the client.
    const click = (e: MouseEvent) => {
      const a = (e.target as Element).closest?.('a');
      if (!a || e.ctrlKey || e.metaKey || a.target || a.origin !== location.origin || a.pathname.startsWith('/cong-dan/')) return;
      e.preventDefault();
      navigate(a.pathname + a.search);
      document.getElementById('main')?.focus();
    };
    document.addEventListener('click', click);
    document.documentElement.lang = lang();
    return () => {
      removeEventListener('popstate', on);
      document.removeEventListener('click', click);
    };
  }, []);
  const path = url.split('?')[0] ?? '/';
  let page;
  let m;
  if (path === '/thu-tuc' || path === '/thu-tuc/') page = <Catalogue key={url} />;
  else if ((m = /^\/thu-tuc\/([^/]+)$/.exec(path))) page = <Detail id={decodeURIComponent(m[1]!)} />;
  else if ((m = /^\/nop-truc-tuyen\/([^/]+)$/.exec(path))) page = <Submit id={decodeURIComponent(m[1]!)} />;
  else if ((m = /^\/khao-sat\/([^/]+)$/.exec(path))) page = <SurveyPage token={decodeURIComponent(m[1]!)} />;
  else page = <Lookup key={url} />;
  return (
    <>
      <a class="skip" href="#main">
        {t('site.skip')}
      </a>
      <header class="top">
        <div class="wrap bar">
          <a class="brand" href="/thu-tuc">
            {t('site.title')}
          </a>
          <button
            type="button"
            class="linklike"
            aria-label={t('lang.switch_label')}
            onClick={() => {
              setLang(lang() === 'vi' ? 'en' : 'vi');
              setL(lang());
            }}
          >
            {t('lang.switch')}
          </button>
        </div>
        <nav class="wrap nav" aria-label={t('nav.main')}>
          <a href="/thu-tuc" aria-current={path.startsWith('/thu-tuc') ? 'page' : undefined}>
            {t('nav.catalogue')}
          </a>
          <a href="/tra-cuu" aria-current={path.startsWith('/tra-cuu') ? 'page' : undefined}>
            {t('nav.lookup')}
          </a>
        </nav>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        {page}
      </main>
      <footer class="wrap foot">{t('site.footer')}</footer>
    </>
  );
}

render(<App />, document.getElementById('app')!);
