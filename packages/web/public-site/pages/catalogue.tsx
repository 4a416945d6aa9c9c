import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, vnd, type ProcedureDetail, type ProcedureSummary } from '../api';
import { t, type MessageKey } from '../i18n';

const PAGE_SIZE = 20;

export const timeLimit = (l: ProcedureSummary['timeLimit']): string => t(`unit.${l.unit}` as MessageKey, { n: String(l.value).replace('.', ',') });
export const errorText = (e: unknown): string => t(e instanceof ApiError && e.status === 429 ? 'common.rate_limited' : 'common.error');

export function Catalogue() {
  const params = new URLSearchParams(location.search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [sector, setSector] = useState(params.get('linh-vuc') ?? '');
  const page = Math.max(1, Number(params.get('trang') ?? '1') || 1);
  const [sectors, setSectors] = useState<Array<{ code: string; name: string; count: number }>>([]);
  const [list, setList] = useState<{ items: ProcedureSummary[]; total: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    document.title = `${t('catalogue.title')} – ${t('site.title')}`;
    api<{ items: Array<{ code: string; name: string; count: number }> }>('/api/public/sectors').then(
      (r) => setSectors(r.items),
      () => undefined,
    );
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (params.get('q')) query.set('q', params.get('q')!);
    if (params.get('linh-vuc')) query.set('sector', params.get('linh-vuc')!);
    api<{ items: ProcedureSummary[]; total: number }>(`/api/public/procedures?${query}`).then(setList, (e: unknown) => setError(errorText(e)));
  }, []);

  const go = (p: number) => {
    const s = new URLSearchParams();
    if (q.trim()) s.set('q', q.trim());
    if (sector) s.set('linh-vuc', sector);
    if (p > 1) s.set('trang', String(p));
    history.pushState(null, '', `/thu-tuc${s.size ? `?${s}` : ''}`);
    dispatchEvent(new PopStateEvent('popstate'));
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>{t('catalogue.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(1);
        }}
      >
        <label for="q">
          {t('catalogue.q')} <span class="hint">{t('catalogue.q_hint')}</span>
        </label>
        <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <label for="sector">{t('catalogue.sector')}</label>
        <select id="sector" value={sector} onChange={(e) => setSector(e.currentTarget.value)}>
          <option value="">{t('catalogue.all_sectors')}</option>
          {sectors.map((s) => (
            <option key={s.code} value={s.code}>{`${s.name} (${s.count})`}</option>
          ))}
        </select>
        <button class="primary" type="submit">
          {t('catalogue.search')}
        </button>
      </form>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p>{t('common.loading')}</p>}
      {list && (
        <section aria-live="polite">
          <p>{t('catalogue.total', { count: list.total })}</p>
          {list.items.length === 0 && <p>{t('catalogue.empty')}</p>}
          {list.items.map((p) => (
            <article class="card" key={p.id}>
              <h2>
                <a href={`/thu-tuc/${encodeURIComponent(p.id)}`}>{p.name}</a>
              </h2>
              <p class="muted">{`${p.code} · ${p.sector.name} · ${timeLimit(p.timeLimit)} · ${p.channels.map((c) => t(`channel.${c}`)).join(', ')}`}</p>
            </article>
          ))}
          {pages > 1 && (
            <nav class="pager" aria-label={t('catalogue.pagination')}>
              <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
                {t('catalogue.prev')}
              </button>
              <span>{t('catalogue.page', { page, pages })}</span>
              <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
                {t('catalogue.next')}
              </button>
            </nav>
          )}
        </section>
      )}
    </>
  );
}

export function Detail({ id }: { id: string }) {
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<ProcedureDetail>(`/api/public/procedures/${encodeURIComponent(id)}`).then(
      (r) => {
        setP(r);
        document.title = `${r.name} – ${t('site.title')}`;
      },
      (e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('common.not_found_page') : errorText(e)),
    );
  }, [id]);
  if (error)
    return (
      <p class="alert" role="alert">
        {error}
      </p>
    );
  if (!p) return <p>{t('common.loading')}</p>;
  return (
    <>
      <p>
        <a href="/thu-tuc">{t('common.back_catalogue')}</a>
      </p>
      <h1>{p.name}</h1>
      <dl class="facts">
        <dt>{t('procedure.code')}</dt>
        <dd>{p.code}</dd>
        <dt>{t('procedure.sector')}</dt>
        <dd>{p.sector.name}</dd>
        <dt>{t('procedure.agency')}</dt>
        <dd>{p.agencyName}</dd>
        {p.level && <dt>{t('procedure.level')}</dt>}
        {p.level && <dd>{t(`level.${p.level}`)}</dd>}
        <dt>{t('procedure.time_limit')}</dt>
        <dd>{timeLimit(p.timeLimit)}</dd>
        <dt>{t('procedure.channels')}</dt>
        <dd>{p.channels.map((c) => t(`channel.${c}`)).join(', ')}</dd>
        <dt>{t('procedure.online_level')}</dt>
        <dd>{t(`online.${p.onlineLevel}`)}</dd>
        <dt>{t('procedure.result')}</dt>
        <dd>{`${p.resultName || '–'} (${t(`result.${p.resultType}`)})`}</dd>
        {p.applicants && <dt>{t('procedure.applicants')}</dt>}
        {p.applicants && <dd>{p.applicants}</dd>}
      </dl>
      {p.channels.includes('online') && (
        <p>
          <a class="primary-link" href={`/nop-truc-tuyen/${encodeURIComponent(p.id)}`}>
            {t('procedure.submit_online')}
          </a>
        </p>
      )}
      <h2>{t('procedure.fees')}</h2>
      {p.fees.length === 0 ? (
        <p>{t('procedure.no_fee')}</p>
      ) : (
        <ul>
          {p.fees.map((f, i) => (
            <li key={i}>{`${f.name}: ${vnd(f.amountVnd)}${f.note ? ` (${f.note})` : ''}`}</li>
          ))}
        </ul>
      )}
      <h2>{t('procedure.components')}</h2>
      {p.components.length === 0 ? (
        <p>{t('procedure.no_components')}</p>
      ) : (
        <ol>
          {p.components.map((c, i) => (
            <li key={i}>
              {`${c.name} – ${t(`kind.${c.kind}`)}; ${t('procedure.quantity', { n: c.quantity })}`}
              {!c.mandatory && ` ${t('procedure.optional')}`}
            </li>
          ))}
        </ol>
      )}
      {p.legalBasis && (
        <>
          <h2>{t('procedure.legal_basis')}</h2>
          <p class="pre">{p.legalBasis}</p>
        </>
      )}
    </>
  );
}
