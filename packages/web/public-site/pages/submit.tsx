import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, uploadFile, type ProcedureDetail } from '../api';
import { t, type MessageKey } from '../i18n';
import { errorText } from './catalogue';
import { FileField, withFile } from '../file-field';

const KINDS = ['person', 'organization'] as const;
type Kind = (typeof KINDS)[number];
type Field = 'name' | 'taxCode' | 'representative' | 'idNumber' | 'phone' | 'email' | 'address';

/** The applicant's fields in order, with their label and whether they are required, per kind of applicant. */
function fieldsOf(kind: Kind): Array<[Field, MessageKey, boolean]> {
  const org = kind === 'organization';
  return [
    ['name', org ? 'submit.org_name' : 'submit.name', true],
    ...(org
      ? ([
          ['taxCode', 'submit.tax_code', true],
          ['representative', 'submit.representative', true],
        ] as Array<[Field, MessageKey, boolean]>)
      : []),
    ['idNumber', org ? 'submit.representative_id' : 'submit.id_number', true],
    ['phone', 'submit.phone', true],
    ['email', 'submit.email', false],
    ['address', 'submit.address', false],
  ];
}

/**
 * The form's own checks, each with its message next to the field (issue #13 item 6): the browser's bubbles
 * are off (noValidate); the server checks the same again.
 */
function check(kind: Kind, v: (k: Field) => string): Partial<Record<Field, MessageKey>> {
  const e: Partial<Record<Field, MessageKey>> = {};
  if (!v('name')) e.name = kind === 'organization' ? 'submit.err_org_name' : 'submit.err_name';
  if (kind === 'organization' && !/^\d{10}(-\d{3})?$/.test(v('taxCode'))) e.taxCode = 'submit.err_tax_code';
  if (kind === 'organization' && !v('representative')) e.representative = 'submit.err_representative';
  if (!/^\d{12}$/.test(v('idNumber'))) e.idNumber = 'submit.err_id_number';
  if (!/^[0-9+()\s.-]{6,30}$/.test(v('phone'))) e.phone = 'submit.err_phone';
  if (v('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v('email'))) e.email = 'submit.err_email';
  return e;
}

/** Server field codes (body.applicant.<field>) → the message shown under that field. */
const SERVER_CODES: Record<string, MessageKey> = {
  'dossier.id_number_invalid': 'submit.err_id_number',
  'dossier.phone_invalid': 'submit.err_phone',
  'dossier.email_invalid': 'submit.err_email',
  'dossier.tax_code_required': 'submit.err_tax_code',
  'dossier.tax_code_invalid': 'submit.err_tax_code',
  'dossier.representative_required': 'submit.err_representative',
};

interface Filed {
  code: string;
  lookupPin: string;
  procedure: string;
  applicant: string;
  email: string;
  at: Date;
}

export function Submit({ id }: { id: string }) {
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [kind, setKind] = useState<Kind>('person');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [missing, setMissing] = useState<number[]>([]);
  const [error, setError] = useState('');
  const [files, setFiles] = useState<Record<number, File>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Filed | null>(null);
  useEffect(() => {
    document.title = `${t('submit.title')} – ${t('site.title')}`;
    api<ProcedureDetail>(`/api/public/procedures/${encodeURIComponent(id)}`).then(setP, (e: unknown) => setError(errorText(e)));
  }, [id]);
  if (created) return <FiledReceipt filed={created} />;
  const fields = fieldsOf(kind);
  const components = p?.components ?? [];
  return (
    <>
      <h1>{t('submit.title')}</h1>
      {p && <p>{p.name}</p>}
      {p && !p.channels.includes('online') ? (
        <p class="alert">{t('submit.not_online')}</p>
      ) : (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const v = (k: string) => (values[k] ?? '').trim();
            const found = check(kind, v);
            const lacking = components.flatMap((c, i) => (c.mandatory && !files[i] ? [i] : []));
            setErrors(found);
            setMissing(lacking);
            if (Object.keys(found).length > 0 || lacking.length > 0) {
              setError(t('submit.fix_fields'));
              const first = fields.find(([k]) => found[k])?.[0] ?? (lacking.length ? `component-${lacking[0]}` : null);
              if (first) document.getElementById(first)?.focus();
              return;
            }
            setError('');
            setBusy(true);
            let current: File | null = null;
            try {
              // Each attached file is uploaded first; the filing then names the components it carries.
              const attached = [];
              for (const [i, c] of components.entries()) {
                const f = files[i];
                if (!f) continue;
                current = f;
                attached.push({ name: c.name, fileId: (await uploadFile(f)).fileId });
              }
              current = null;
              const applicant = { kind, ...Object.fromEntries(fields.map(([k]) => [k, v(k) || null])) };
              const res = await api<{ code: string; lookupPin: string }>('/api/public/dossiers', {
                method: 'POST',
                body: { procedureId: id, applicant, note: v('note') || null, components: attached },
              });
              setCreated({ ...res, procedure: p?.name ?? '', applicant: v('name'), email: v('email'), at: new Date() });
            } catch (err) {
              const rejected = current && err instanceof ApiError && (err.status === 400 || err.status === 413);
              if (!rejected && err instanceof ApiError && err.fields.length > 0) {
                // The server's own field checks land under the fields too.
                const mapped: Partial<Record<Field, MessageKey>> = {};
                for (const f of err.fields) {
                  const field = f.path.replace(/^body\.applicant\./, '') as Field;
                  const key = SERVER_CODES[f.code];
                  if (key && fields.some(([k]) => k === field)) mapped[field] = key;
                }
                setErrors(mapped);
                setError(Object.keys(mapped).length ? t('submit.fix_fields') : errorText(err));
              } else setError(rejected ? t('submit.file_rejected', { name: current!.name }) : errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <fieldset class="kind">
            <legend>{t('submit.kind')}</legend>
            {KINDS.map((k) => (
              <label key={k} class="choice">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setErrors({});
                  }}
                />{' '}
                {t(k === 'person' ? 'submit.kind_person' : 'submit.kind_organization')}
              </label>
            ))}
          </fieldset>
          {fields.map(([k, label, required]) => (
            <div key={k}>
              <label for={k}>
                {t(label)} {required && <span class="hint">{t('submit.required')}</span>}
              </label>
              <input
                id={k}
                aria-required={required}
                aria-invalid={errors[k] ? true : undefined}
                aria-describedby={errors[k] ? `${k}-error` : undefined}
                type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
                inputMode={k === 'idNumber' ? 'numeric' : undefined}
                value={values[k] ?? ''}
                onInput={(e) => setValues({ ...values, [k]: e.currentTarget.value })}
              />
              {errors[k] && (
                <span id={`${k}-error`} class="field-error">
                  {t(errors[k])}
                </span>
              )}
            </div>
          ))}
          {components.length > 0 && (
            <fieldset>
              <legend>{t('submit.components')}</legend>
              <p class="hint">{t('submit.components_hint')}</p>
              {components.map((c, i) => (
                <FileField
                  key={i}
                  id={`component-${i}`}
                  label={
                    <>
                      {c.name} {c.mandatory && <span class="hint">{t('submit.mandatory')}</span>}
                    </>
                  }
                  error={missing.includes(i) ? t('submit.err_component') : null}
                  onFile={(f) => {
                    setFiles(withFile(files, i, f));
                    if (f) setMissing(missing.filter((m) => m !== i));
                  }}
                />
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

/** After filing: the code and PIN to copy, a receipt to download, and whether they go by e-mail (issue #13 item 6). */
function FiledReceipt({ filed }: { filed: Filed }) {
  const [copied, setCopied] = useState('');
  const lookup = `${location.origin}/tra-cuu?ma=${encodeURIComponent(filed.code)}&pin=${encodeURIComponent(filed.lookupPin)}`;
  const copy = (what: string, text: string) => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(what));
  };
  const download = () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const vn = new Date(filed.at.getTime() + 7 * 3_600_000);
    const at = `${pad(vn.getUTCHours())}:${pad(vn.getUTCMinutes())} ${pad(vn.getUTCDate())}/${pad(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`;
    const text = [
      t('submit.receipt_title'),
      '',
      `${t('lookup.code')}: ${filed.code}`,
      `${t('lookup.pin')}: ${filed.lookupPin}`,
      `${t('submit.receipt_procedure')}: ${filed.procedure}`,
      `${t('submit.receipt_applicant')}: ${filed.applicant}`,
      `${t('submit.receipt_time')}: ${at}`,
      `${t('submit.receipt_lookup')}: ${lookup}`,
      '',
    ].join('\r\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([`\ufeff${text}`], { type: 'text/plain;charset=utf-8' }));
    a.download = `bien-nhan-${filed.code}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <section class="ok" role="status">
      <h1>{t('submit.done')}</h1>
      <p>{t('submit.keep')}</p>
      <p>
        {`${t('lookup.code')}: `}
        <span class="code">{filed.code}</span>{' '}
        <button type="button" class="link-button" onClick={() => copy('code', filed.code)}>
          {copied === 'code' ? t('submit.copied') : t('submit.copy')}
        </button>
        <br />
        {`${t('lookup.pin')}: `}
        <span class="code">{filed.lookupPin}</span>{' '}
        <button type="button" class="link-button" onClick={() => copy('pin', filed.lookupPin)}>
          {copied === 'pin' ? t('submit.copied') : t('submit.copy')}
        </button>
      </p>
      <p>{filed.email ? t('submit.mailed', { email: filed.email }) : t('submit.no_mail')}</p>
      <p>
        <button type="button" class="primary" onClick={download}>
          {t('submit.download')}
        </button>
      </p>
      <a href={`/tra-cuu?ma=${encodeURIComponent(filed.code)}&pin=${encodeURIComponent(filed.lookupPin)}`}>{t('submit.lookup_now')}</a>
    </section>
  );
}
