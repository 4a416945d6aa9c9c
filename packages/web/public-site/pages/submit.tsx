import { useEffect, useState } from 'preact/hooks';
import { api, type ProcedureDetail } from '../api';
import { t, type MessageKey } from '../i18n';
import { errorText } from './catalogue';

const FIELDS = [
  ['name', 'submit.name', true],
  ['idNumber', 'submit.id_number', true],
  ['phone', 'submit.phone', true],
  ['email', 'submit.email', false],
  ['address', 'submit.address', false],
] as const;

export function Submit({ id }: { id: string }) {
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [created, setCreated] = useState<{ code: string; lookupPin: string } | null>(null);
  useEffect(() => {
    document.title = `${t('submit.title')} – ${t('site.title')}`;
    api<ProcedureDetail>(`/api/public/procedures/${encodeURIComponent(id)}`).then(setP, (e: unknown) => setError(errorText(e)));
  }, [id]);
  if (created)
    return (
      <section class="ok" role="status">
        <h1>{t('submit.done')}</h1>
        <p>{t('submit.keep')}</p>
        <p>
          {`${t('lookup.code')}: `}
          <span class="code">{created.code}</span>
          <br />
          {`${t('lookup.pin')}: `}
          <span class="code">{created.lookupPin}</span>
        </p>
        <a href={`/tra-cuu?ma=${encodeURIComponent(created.code)}&pin=${encodeURIComponent(created.lookupPin)}`}>{t('submit.lookup_now')}</a>
      </section>
    );
  return (
    <>
      <h1>{t('submit.title')}</h1>
      {p && <p>{p.name}</p>}
      {p && !p.channels.includes('online') ? (
        <p class="alert">{t('submit.not_online')}</p>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const v = (k: string) => (values[k] ?? '').trim();
            if (!v('name') || !/^\d{12}$/.test(v('idNumber')) || !v('phone')) return setError(t('submit.invalid'));
            setError('');
            try {
              const applicant = Object.fromEntries(FIELDS.map(([k]) => [k, v(k) || null]));
              setCreated(await api('/api/public/dossiers', { method: 'POST', body: { procedureId: id, applicant, note: v('note') || null } }));
            } catch (err) {
              setError(errorText(err));
            }
          }}
        >
          {FIELDS.map(([k, label, required]) => (
            <div key={k}>
              <label for={k}>
                {t(label as MessageKey)} {required && <span class="hint">{t('submit.required')}</span>}
              </label>
              <input
                id={k}
                required={required}
                type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
                value={values[k] ?? ''}
                onInput={(e) => setValues({ ...values, [k]: e.currentTarget.value })}
              />
            </div>
          ))}
          <label for="note">{t('submit.note')}</label>
          <textarea id="note" rows={3} value={values.note ?? ''} onInput={(e) => setValues({ ...values, note: e.currentTarget.value })} />
          {error && (
            <p class="alert" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit">
            {t('submit.send')}
          </button>
        </form>
      )}
    </>
  );
}
