import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, ddmmyyyy, ddmmyyyyhhmm, uploadFile, type PublicDossier } from '../api';
import { t, type MessageKey } from '../i18n';
import { errorText } from './catalogue';
import { FileField, withFile } from '../file-field';

const CRITERIA = ['overall', 'ease', 'timeliness', 'attitude', 'contacts', 'publicity'] as const;
const LEVELS = [5, 4, 3, 2, 1] as const;
/** "How many contacts" is a count, not a satisfaction (docs/surveys.md): 1–4 times, 5 = five or more. */
const COUNTS = [1, 2, 3, 4, 5] as const;
const statusText = (s: string | undefined): string => (s ? t(`status.${s}` as MessageKey) || s : '–');
const ACTIONS = new Set([
  'submit',
  'receive',
  'start_processing',
  'complete_step',
  'request_supplement',
  'complete_supplement',
  'request_payment',
  'record_payment',
  'refuse',
  'stop',
  'withdraw',
  'mark_result_ready',
  'return_result',
  'issue_apology',
  'request_completion',
  'complete_filing',
]);
/** What happened at a timeline entry: the action when known, else the status it led to. */
const eventText = (e: { action?: string; status?: string }): string =>
  e.action && ACTIONS.has(e.action) ? t(`action.${e.action}` as MessageKey) : statusText(e.status);

export function Lookup() {
  const params = new URLSearchParams(location.search);
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [pin, setPin] = useState(params.get('pin') ?? '');
  const [dossier, setDossier] = useState<PublicDossier | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  /** Shown above the refreshed result after the filer completed the filing. */
  const [notice, setNotice] = useState('');

  const lookup = async (c: string, p: string) => {
    setError('');
    setDossier(null);
    if (!c.trim() || !/^\d{6}$/.test(p.trim())) return setError(t('lookup.invalid'));
    setBusy(true);
    try {
      setDossier(await api<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(c.trim())}?pin=${encodeURIComponent(p.trim())}`));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? t('lookup.not_found')
          : e instanceof ApiError && e.code === 'dossier.lookup_locked'
            ? t('lookup.locked')
            : errorText(e),
      );
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    document.title = `${t('lookup.title')} – ${t('site.title')}`;
    if (code && pin) void lookup(code, pin); // from the QR code on the receipt slip
  }, []);

  return (
    <>
      <h1>{t('lookup.title')}</h1>
      <p>{t('lookup.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setNotice('');
          void lookup(code, pin);
        }}
      >
        <label for="code">{t('lookup.code')}</label>
        <input id="code" value={code} autoComplete="off" autoCapitalize="characters" onInput={(e) => setCode(e.currentTarget.value)} />
        <label for="pin">
          {t('lookup.pin')} <span class="hint">{t('lookup.pin_hint')}</span>
        </label>
        <input id="pin" value={pin} inputMode="numeric" maxLength={6} autoComplete="off" onInput={(e) => setPin(e.currentTarget.value)} />
        <button class="primary" type="submit" disabled={busy}>
          {t('lookup.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p class="ok" role="status" data-testid="completion-done">
            {notice}
          </p>
        )}
        {dossier && (
          <Result
            d={dossier}
            pin={pin.trim()}
            onChanged={() => {
              setNotice(t('completion.done'));
              void lookup(code, pin);
            }}
          />
        )}
      </div>
    </>
  );
}

function Result({ d, pin, onChanged }: { d: PublicDossier; pin: string; onChanged: () => void }) {
  const missing = (d.missing ?? []).map((m) => (typeof m === 'string' ? m : m.name));
  return (
    <section class="card" aria-labelledby="result-h">
      <h2 id="result-h">{t('lookup.result')}</h2>
      <dl class="facts">
        <dt>{t('lookup.code')}</dt>
        <dd class="code">{d.code}</dd>
        {d.procedureName && <dt>{t('lookup.procedure')}</dt>}
        {d.procedureName && <dd>{d.procedureName}</dd>}
        <dt>{t('lookup.status')}</dt>
        <dd>
          <span class="status" data-testid="dossier-status">
            {statusText(d.status)}
          </span>
        </dd>
        <dt>{t('lookup.received')}</dt>
        <dd>{ddmmyyyy(d.receivedAt)}</dd>
        <dt>{t('lookup.due')}</dt>
        <dd>{ddmmyyyy(d.dueDate ?? d.dueAt)}</dd>
        {d.returnedAt && <dt>{t('lookup.returned')}</dt>}
        {d.returnedAt && <dd>{ddmmyyyy(d.returnedAt)}</dd>}
      </dl>
      {d.result && (
        <>
          <h3>{t('lookup.outcome')}</h3>
          <dl class="facts" data-testid="dossier-result">
            <dt>{t('lookup.outcome_kind')}</dt>
            <dd>{t(`result_kind.${d.result.kind}` as MessageKey) || d.result.kind}</dd>
            <dt>{t('lookup.outcome_number')}</dt>
            <dd>{d.result.number}</dd>
            <dt>{t('lookup.outcome_date')}</dt>
            <dd>{ddmmyyyy(d.result.date)}</dd>
          </dl>
          {d.result.downloadable ? (
            <p>
              <a href={`/api/public/dossiers/${encodeURIComponent(d.code)}/result-file?pin=${encodeURIComponent(pin)}`} download>
                {t('lookup.outcome_download')}
              </a>
            </p>
          ) : (
            <p>{t('lookup.outcome_paper')}</p>
          )}
        </>
      )}
      {d.completion ? (
        <Completion code={d.code} pin={pin} completion={d.completion} onDone={onChanged} />
      ) : (
        missing.length > 0 && (
          <>
            <h3>{t('lookup.missing')}</h3>
            <ul>
              {missing.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </>
        )
      )}
      <h3>{t('lookup.timeline')}</h3>
      {(d.timeline ?? []).length === 0 ? (
        <p>{t('lookup.no_timeline')}</p>
      ) : (
        <ol class="timeline">
          {(d.timeline ?? []).map((e, i) => (
            <li key={i}>
              {`${ddmmyyyyhhmm(e.at)} – ${e.step ?? eventText(e)}${e.name ? ` (${e.name})` : ''}${e.unitName ? ` (${e.unitName})` : ''}${e.note ? `: ${e.note}` : ''}`}
            </li>
          ))}
        </ol>
      )}
      {d.canRate && <Rating code={d.code} pin={pin} />}
    </section>
  );
}

/**
 * The desk sent the online filing back before receipt (docs/domain/dossiers.md#completion-before-receipt): the
 * officer's note, one file per requested component (uploaded like the filing's, within the same quotas), and
 * "file again", which puts the dossier back with the desk under the same code.
 */
function Completion({
  code,
  pin,
  completion,
  onDone,
}: {
  code: string;
  pin: string;
  completion: NonNullable<PublicDossier['completion']>;
  onDone: () => void;
}) {
  const [files, setFiles] = useState<Record<number, File>>({});
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<number[]>([]);
  const [error, setError] = useState('');
  const [state, setState] = useState<'open' | 'busy'>('open');
  return (
    <form
      class="completion"
      aria-labelledby="completion-h"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const lacking = completion.items.map((_, i) => i).filter((i) => !files[i]);
        setMissing(lacking);
        if (lacking.length > 0) {
          setError(t('completion.fix'));
          document.getElementById(`completion-${lacking[0]}`)?.focus();
          return;
        }
        setError('');
        setState('busy');
        let current: File | null = null;
        try {
          const components = [];
          for (const [i, name] of completion.items.entries()) {
            current = files[i]!;
            components.push({ name, fileId: (await uploadFile(current)).fileId });
          }
          current = null;
          await api(`/api/public/dossiers/${encodeURIComponent(code)}/completion?pin=${encodeURIComponent(pin)}`, {
            method: 'POST',
            body: { components, note: note.trim() || null },
          });
          onDone();
        } catch (err) {
          const rejected = current && err instanceof ApiError && (err.status === 400 || err.status === 413);
          setError(rejected ? t('submit.file_rejected', { name: current!.name }) : errorText(err));
          setState('open');
        }
      }}
    >
      <h3 id="completion-h">{t('completion.title')}</h3>
      <p>{t('completion.intro', { date: ddmmyyyy(completion.requestedAt) })}</p>
      <p class="note" data-testid="completion-reason">
        <strong>{t('completion.reason')}:</strong> {completion.reason}
      </p>
      <fieldset>
        <legend>{t('completion.items')}</legend>
        {completion.items.map((name, i) => (
          <FileField
            key={i}
            id={`completion-${i}`}
            label={name}
            error={missing.includes(i) ? t('completion.file_required') : null}
            onFile={(f) => {
              setFiles(withFile(files, i, f));
              if (!f) return;
              const still = missing.filter((m) => m !== i);
              setMissing(still);
              if (still.length === 0) setError('');
            }}
          />
        ))}
      </fieldset>
      <label for="completion-note">{t('completion.note')}</label>
      <textarea id="completion-note" rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit" disabled={state === 'busy'}>
        {t(state === 'busy' ? 'submit.uploading' : 'completion.send')}
      </button>
    </form>
  );
}

function Rating({ code, pin }: { code: string; pin: string }) {
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'open' | 'busy' | 'done' | 'already'>('open');
  const [error, setError] = useState('');
  if (state === 'done' || state === 'already')
    return (
      <p class="ok" role="status">
        {t(state === 'done' ? 'rating.thanks' : 'rating.already')}
      </p>
    );
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (CRITERIA.some((c) => !answers[c])) return setError(t('rating.incomplete'));
        setState('busy');
        try {
          await api(`/api/public/dossiers/${encodeURIComponent(code)}/rating?pin=${encodeURIComponent(pin)}`, {
            method: 'POST',
            body: { answers, comment: comment.trim() || null },
          });
          setState('done');
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) return setState('already');
          setError(errorText(err));
          setState('open');
        }
      }}
    >
      <h3>{t('rating.title')}</h3>
      <p>{t('rating.intro')}</p>
      {CRITERIA.map((c) => (
        <fieldset key={c}>
          <legend>{t(`criterion.${c}`)}</legend>
          <div class="scale">
            {(c === 'contacts' ? COUNTS : LEVELS).map((l) => (
              <label class="chip" key={l}>
                <input type="radio" name={c} value={l} checked={answers[c] === l} onChange={() => setAnswers({ ...answers, [c]: l })} />
                {c === 'contacts' ? t(l === 5 ? 'rating.times_more' : 'rating.times', { n: l }) : t(`level.${l}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label for="comment">{t('rating.comment')}</label>
      <textarea id="comment" rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit" disabled={state === 'busy'}>
        {t('rating.submit')}
      </button>
    </form>
  );
}
