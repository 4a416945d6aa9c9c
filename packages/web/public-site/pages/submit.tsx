import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, uploadFile, type ProcedureDetail } from '../api';
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
  const [files, setFiles] = useState<Record<number, File>>({});
  const [busy, setBusy] = useState(false);
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
            setBusy(true);
            let current: File | null = null;
            try {
              // Each attached file is uploaded first; the filing then names the components it carries.
              const components = [];
              for (const [i, c] of (p?.components ?? []).entries()) {
                const f = files[i];
                if (!f) continue;
                current = f;
                components.push({ name: c.name, fileId: (await uploadFile(f)).fileId });
              }
              current = null;
              const applicant = Object.fromEntries(FIELDS.map(([k]) => [k, v(k) || null]));
              setCreated(await api('/api/public/dossiers', { method: 'POST', body: { procedureId: id, applicant, note: v('note') || null, components } }));
            } catch (err) {
              const rejected = current && err instanceof ApiError && (err.status === 400 || err.status === 413);
              setError(rejected ? t('submit.file_rejected', { name: current!.name }) : errorText(err));
            } finally {
              setBusy(false);
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
          {p && p.components.length > 0 && (
            <fieldset>
              <legend>{t('submit.components')}</legend>
              <p class="hint">{t('submit.components_hint')}</p>
              {p.components.map((c, i) => (
                <div key={i}>
                  <label for={`component-${i}`}>{c.name}</label>
                  <input
                    id={`component-${i}`}
                    type="file"
                    accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.doc,.docx,.xls,.xlsx,.odt,.ods"
                    onChange={(e) => {
                      const f = e.currentTarget.files?.[0];
                      const next = { ...files };
                      if (f) next[i] = f;
                      else delete next[i];
                      setFiles(next);
                    }}
                  />
                </div>
              ))}
            </fieldset>
          )}
          <label for="note">{t('submit.note')}</label>
          <textarea id="note" rows={3} value={values.note ?? ''} onInput={(e) => setValues({ ...values, note: e.currentTarget.value })} />
          {error && (
            <p class="alert" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit" disabled={busy}>
            {t(busy ? 'submit.uploading' : 'submit.send')}
          </button>
        </form>
      )}
    </>
  );
}
