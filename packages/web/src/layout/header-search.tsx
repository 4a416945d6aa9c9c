import { FileTextOutlined, ProfileOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listDossiers } from '../api/dossiers';
import { listProcedures } from '../api/procedures';
import { hasPermission, useMe } from '../auth/me-context';
import { ErrorAlert } from '../components/error-alert';
import { DossierStatusTag } from '../pages/dossiers/dossier-tags';
import { canReadDossiers } from '../pages/dossiers/dossier-permissions';
import { isSearchShortcut, searchHits, type SearchHit } from './header-search-hits';
import './header-search.css';

/** Results per group: the header search finds, the list pages browse. */
const PER_GROUP = 6;
/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 250;
const GROUPS: ReadonlyArray<SearchHit['kind']> = ['dossier', 'procedure'];

/**
 * The header search (issue #13 item 11): dossiers by code, applicant name, ID number or tax code, and procedures
 * by code or name, as the user types. Opens on "/" or Ctrl+K (⌘K); arrows move, Enter opens, Esc closes. It only
 * calls the list endpoints the pages use, so the server's scope applies: a dossier outside the user's units is
 * not found here either.
 */
export function HeaderSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const dossiersAllowed = canReadDossiers(me);
  const proceduresAllowed = hasPermission(me, 'procedure.read');

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (isSearchShortcut(e)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const id = window.setTimeout(() => setTerm(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [text]);

  const enabled = open && term.length >= 2;
  const dossiers = useQuery({
    queryKey: ['header-search', 'dossiers', term],
    queryFn: () => listDossiers({ q: term, pageSize: PER_GROUP, sort: 'receivedAt', order: 'desc' }),
    enabled: enabled && dossiersAllowed,
    staleTime: 30_000,
  });
  const procedures = useQuery({
    queryKey: ['header-search', 'procedures', term],
    queryFn: () => listProcedures({ q: term, pageSize: PER_GROUP }),
    enabled: enabled && proceduresAllowed,
    staleTime: 30_000,
  });

  const hits = enabled ? searchHits(dossiers.data?.items ?? [], procedures.data?.items ?? []) : [];
  const loading = enabled && ((dossiersAllowed && dossiers.isFetching) || (proceduresAllowed && procedures.isFetching));
  const current = Math.min(active, Math.max(hits.length - 1, 0));

  useEffect(() => setActive(0), [term]);

  const close = () => {
    setOpen(false);
    setText('');
    setTerm('');
  };
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    void navigate(hit.path);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(hits[current]);
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;
  const group = (kind: SearchHit['kind']) => {
    const items = hits.map((h, i) => ({ h, i })).filter(({ h }) => h.kind === kind);
    if (items.length === 0) return null;
    const labelId = `${listId}-${kind}`;
    // The grouped listbox of the WAI-ARIA practices: each group labelled by its first, presentational item.
    return (
      <ul key={kind} role="group" aria-labelledby={labelId} className="header-search-group">
        <li role="presentation" id={labelId} className="header-search-group-title">
          {kind === 'dossier' ? t('search.dossiers') : t('search.procedures')}
        </li>
        {items.map(({ h, i }) => (
          <li
            key={h.path}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'header-search-option is-active' : 'header-search-option'}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(h)}
          >
            {h.kind === 'dossier' ? <FileTextOutlined aria-hidden /> : <ProfileOutlined aria-hidden />}
            <span className="header-search-option-text">
              <span className="header-search-option-title">
                <strong>{h.title}</strong>
                {h.kind === 'dossier' ? <span> · {h.subtitle}</span> : null}
              </span>
              <Typography.Text type="secondary" className="header-search-option-detail">
                {h.detail}
              </Typography.Text>
            </span>
            {h.status ? <DossierStatusTag status={h.status} /> : null}
          </li>
        ))}
      </ul>
    );
  };
  const error = dossiers.error ?? procedures.error;

  return (
    <>
      <Button
        ref={trigger}
        className="header-search-trigger"
        icon={<SearchOutlined />}
        onClick={() => setOpen(true)}
        aria-label={compact ? t('search.open') : undefined}
        aria-keyshortcuts="/ Control+K"
        aria-haspopup="dialog"
      >
        {compact ? null : (
          <>
            <span className="header-search-trigger-text">{t('search.placeholder')}</span>
            <kbd className="header-search-kbd">/</kbd>
          </>
        )}
      </Button>
      <Modal
        open={open}
        onCancel={close}
        afterOpenChange={(visible) => (visible ? undefined : trigger.current?.focus())}
        footer={null}
        closable={false}
        title={<span className="sr-only">{t('search.title')}</span>}
        width={640}
        className="header-search-modal"
        destroyOnHidden
        styles={{ body: { padding: 0 } }}
      >
        <Input
          autoFocus
          size="large"
          prefix={<SearchOutlined aria-hidden />}
          suffix={loading ? <Spin size="small" /> : null}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder')}
          role="combobox"
          aria-label={t('search.title')}
          aria-expanded={hits.length > 0}
          aria-controls={hits.length > 0 ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(current) : undefined}
        />
        <div className="header-search-results">
          {error ? <ErrorAlert error={error} /> : null}
          {hits.length > 0 ? (
            <div id={listId} role="listbox" aria-label={t('search.results')} className="header-search-list">
              {GROUPS.map(group)}
            </div>
          ) : null}
          {enabled && !loading && hits.length === 0 && !error ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.none', { term })} /> : null}
          {!enabled ? <Typography.Paragraph type="secondary">{t('search.hint')}</Typography.Paragraph> : null}
          <Typography.Text type="secondary" className="header-search-keys">
            {t('search.keys')}
          </Typography.Text>
        </div>
      </Modal>
    </>
  );
}
