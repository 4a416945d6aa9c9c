import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, ddmmyyyy } from '../api';
import { lang, t } from '../i18n';
import { errorText } from './catalogue';

// Answering a survey by its one-time link (issue #12): our own small renderer, because SurveyJS's form
// library alone is about 300 KB of JavaScript gzipped against this site's 60 KB budget (docs/surveys.md).

interface Text {
  vi: string;
  en: string;
}
interface Option {
  code: string;
  label: Text;
}
interface Question {
  id: string;
  type: 'likert' | 'single' | 'multiple' | 'number' | 'yes_no' | 'text';
  text: Text;
  help: Text | null;
  required: boolean;
  showIf: { questionId: string; anyOf: string[] } | null;
  levels?: Option[];
  options?: Option[];
  maxChoices?: number | null;
  min?: number;
  max?: number;
  unit?: Text | null;
  maxLength?: number;
}
interface Section {
  id: string;
  title: Text;
  description: Text | null;
  questions: Question[];
}
interface Form {
  campaignTitle: string;
  anonymous: boolean;
  closesOn: string;
  definition: { title: Text; intro: Text | null; sections: Section[] };
}
type Value = string | number | string[];
type Answers = Record<string, Value | undefined>;

const tx = (x: Text | null | undefined): string => (x ? (lang() === 'en' && x.en ? x.en : x.vi) : '');
const blank = (v: Value | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Questions shown for the answers so far: a condition refers to an earlier question only. */
function visible(sections: Section[], answers: Answers): Set<string> {
  const out = new Set<string>();
  for (const s of sections)
    for (const q of s.questions) {
      if (q.showIf) {
        if (!out.has(q.showIf.questionId)) continue;
        const v = answers[q.showIf.questionId];
        const chosen = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
        if (!chosen.some((c) => q.showIf!.anyOf.includes(c))) continue;
      }
      out.add(q.id);
    }
  return out;
}

function problem(q: Question, v: Value | undefined): string | null {
  if (blank(v)) return q.required ? t('survey.err_required') : null;
  if (q.type === 'number' && (typeof v !== 'number' || !Number.isInteger(v) || v < (q.min ?? 0) || v > (q.max ?? 0)))
    return t('survey.err_number', { min: q.min ?? 0, max: q.max ?? 0 });
  if (q.type === 'multiple' && q.maxChoices && Array.isArray(v) && v.length > q.maxChoices) return t('survey.err_too_many', { n: q.maxChoices });
  if (q.type === 'text' && typeof v === 'string' && v.trim().length > (q.maxLength ?? 1000)) return t('survey.err_too_long', { n: q.maxLength ?? 1000 });
  return null;
}

const SERVER_CODES: Record<string, () => string> = { 'survey.answer_required': () => t('survey.err_required') };

interface Saved {
  answers: Answers;
  step: number;
  /** When the form was first opened on this device (ms): the submission sends the seconds since, never the time. */
  startedAt?: number;
}

function load(token: string): Saved | null {
  try {
    return JSON.parse(localStorage.getItem(`cchc.survey.${token}`) ?? 'null') as Saved | null;
  } catch {
    return null;
  }
}
function save(token: string, answers: Answers, step: number, startedAt: number): void {
  try {
    localStorage.setItem(`cchc.survey.${token}`, JSON.stringify({ answers, step, startedAt }));
  } catch {
    // private mode: the answers last for this page only
  }
}

export function SurveyPage({ token }: { token: string }) {
  const [form, setForm] = useState<Form | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'not_found' | 'used' | 'done' | 'error'>('loading');
  const saved = load(token);
  const [answers, setAnswers] = useState<Answers>(saved?.answers ?? {});
  const [step, setStep] = useState(saved?.step ?? -1);
  const [startedAt] = useState(saved?.startedAt ?? Date.now());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    document.title = `${t('survey.title')} – ${t('site.title')}`;
    api<Form>(`/api/public/surveys/${encodeURIComponent(token)}`)
      .then((f) => {
        setForm(f);
        setState('ready');
      })
      .catch((e) => setState(e instanceof ApiError && e.status === 404 ? 'not_found' : e instanceof ApiError && e.status === 409 ? 'used' : 'error'));
  }, [token]);
  useEffect(() => {
    document.getElementById('survey-h')?.focus();
  }, [step, state]);

  if (state === 'loading') return <p>{t('common.loading')}</p>;
  if (state === 'error')
    return (
      <p class="alert" role="alert">
        {t('common.error')}
      </p>
    );
  if (state === 'not_found' || state === 'used' || state === 'done') {
    const [title, body] =
      state === 'not_found'
        ? ['survey.not_found_title', 'survey.not_found_body']
        : state === 'used'
          ? ['survey.used_title', 'survey.used_body']
          : ['survey.thanks_title', 'survey.thanks_body'];
    return (
      <section class={state === 'done' ? 'ok' : 'card'}>
        <h1 id="survey-h" tabIndex={-1}>
          {t(title as 'survey.used_title')}
        </h1>
        <p>{t(body as 'survey.used_body')}</p>
      </section>
    );
  }
  const f = form!;
  const sections = f.definition.sections;
  const shown = visible(sections, answers);
  const set = (id: string, v: Value | undefined) => {
    const next = { ...answers, [id]: v };
    setAnswers(next);
    save(token, next, step, startedAt);
    if (errors[id]) setErrors({ ...errors, [id]: '' });
  };
  const go = (n: number) => {
    setStep(n);
    save(token, answers, n, startedAt);
    setErrors({});
    scrollTo(0, 0);
  };

  if (step < 0)
    return (
      <>
        <h1 id="survey-h" tabIndex={-1}>
          {tx(f.definition.title)}
        </h1>
        <p class="muted">{f.campaignTitle}</p>
        {f.definition.intro && <p>{tx(f.definition.intro)}</p>}
        <p class={f.anonymous ? 'ok' : 'alert'}>{t(f.anonymous ? 'survey.anonymous_note' : 'survey.named_note')}</p>
        <p class="muted">{t('survey.closes_on', { date: ddmmyyyy(f.closesOn) })}</p>
        <p class="muted">{t('survey.saved_note')}</p>
        <button class="primary" type="button" onClick={() => go(0)}>
          {t('survey.start')}
        </button>
      </>
    );

  const section = sections[step]!;
  const last = step === sections.length - 1;
  const check = (qs: Question[]) => {
    const errs: Record<string, string> = {};
    for (const q of qs) {
      if (!shown.has(q.id)) continue;
      const p = problem(q, answers[q.id]);
      if (p) errs[q.id] = p;
    }
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) setTimeout(() => document.getElementById(`q-${first}`)?.focus(), 0);
    return !first;
  };
  const submit = async () => {
    if (!check(section.questions)) return;
    setBusy(true);
    setFailure('');
    const payload: Record<string, Value> = {};
    for (const [k, v] of Object.entries(answers)) if (shown.has(k) && !blank(v)) payload[k] = typeof v === 'string' ? v.trim() : v!;
    try {
      await api(`/api/public/surveys/${encodeURIComponent(token)}`, {
        method: 'POST',
        body: { answers: payload, durationSeconds: Math.max(0, Math.round((Date.now() - startedAt) / 1000)) },
      });
      localStorage.removeItem(`cchc.survey.${token}`);
      setState('done');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setState('used');
      else if (e instanceof ApiError && e.status === 404) setState('not_found');
      else if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        // Back to the first section holding a question the server refused, the error beside it.
        const errs: Record<string, string> = {};
        for (const x of e.fields) errs[x.path.replace('body.answers.', '')] = (SERVER_CODES[x.code] ?? (() => t('survey.err_invalid')))();
        const at = sections.findIndex((s) => s.questions.some((q) => errs[q.id]));
        if (at >= 0 && at !== step) setStep(at);
        setErrors(errs);
      } else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const hasErrors = Object.values(errors).some(Boolean);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (last) void submit();
        else if (check(section.questions)) go(step + 1);
      }}
    >
      <p class="muted">{tx(f.definition.title)}</p>
      <label for="survey-progress">{t('survey.progress', { n: step + 1, total: sections.length })}</label>
      <progress id="survey-progress" max={sections.length} value={step + 1} />
      <h1 id="survey-h" tabIndex={-1}>
        {tx(section.title)}
      </h1>
      {section.description && <p>{tx(section.description)}</p>}
      {hasErrors && (
        <p class="alert" role="alert">
          {t('survey.errors_intro')}
        </p>
      )}
      {section.questions
        .filter((q) => shown.has(q.id))
        .map((q) => (
          <QuestionField key={q.id} q={q} value={answers[q.id]} error={errors[q.id] ?? ''} onChange={(v) => set(q.id, v)} />
        ))}
      {failure && (
        <p class="alert" role="alert">
          {failure}
        </p>
      )}
      <div class="pager">
        {step > 0 ? (
          <button type="button" onClick={() => go(step - 1)}>
            {t('survey.back')}
          </button>
        ) : (
          <span />
        )}
        <button class="primary" type="submit" disabled={busy}>
          {last ? (busy ? t('survey.sending') : t('survey.send')) : t('survey.next')}
        </button>
      </div>
    </form>
  );
}

function QuestionField({ q, value, error, onChange }: { q: Question; value: Value | undefined; error: string; onChange: (v: Value | undefined) => void }) {
  const errId = `err-${q.id}`;
  const helpId = `help-${q.id}`;
  const described = [q.help ? helpId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const title = (
    <>
      {tx(q.text)} {!q.required && <span class="muted">{t('survey.optional')}</span>}
    </>
  );
  const help = q.help && (
    <span id={helpId} class="hint">
      {tx(q.help)}
    </span>
  );
  const err = error && (
    <span id={errId} class="field-error">
      {error}
    </span>
  );
  if (q.type === 'number' || q.type === 'text') {
    return (
      <div class={error ? 'question invalid' : 'question'}>
        <label for={`q-${q.id}`}>
          {title}
          {help}
        </label>
        {err}
        {q.type === 'number' ? (
          <input
            id={`q-${q.id}`}
            inputMode="numeric"
            value={value === undefined ? '' : String(value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            onInput={(e) => {
              const s = e.currentTarget.value.trim();
              onChange(s === '' ? undefined : /^\d+$/.test(s) ? Number(s) : (s as unknown as number));
            }}
          />
        ) : (
          <textarea
            id={`q-${q.id}`}
            rows={4}
            maxLength={q.maxLength}
            value={typeof value === 'string' ? value : ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            onInput={(e) => onChange(e.currentTarget.value)}
          />
        )}
        {q.type === 'number' && q.unit && <span class="hint">{tx(q.unit)}</span>}
      </div>
    );
  }
  const options: Option[] =
    q.type === 'likert'
      ? [...(q.levels ?? [])].reverse()
      : q.type === 'yes_no'
        ? [
            { code: 'yes', label: { vi: t('survey.yes'), en: t('survey.yes') } },
            { code: 'no', label: { vi: t('survey.no'), en: t('survey.no') } },
          ]
        : (q.options ?? []);
  const multiple = q.type === 'multiple';
  const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return (
    <fieldset
      id={`q-${q.id}`}
      tabIndex={-1}
      class={error ? 'question invalid' : 'question'}
      aria-describedby={described}
      aria-invalid={error ? 'true' : undefined}
    >
      <legend>{title}</legend>
      {help}
      {multiple && q.maxChoices && <span class="hint">{t('survey.choose_up_to', { n: q.maxChoices })}</span>}
      {err}
      {options.map((o) => (
        <label class="opt" key={o.code}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={q.id}
            value={o.code}
            checked={chosen.includes(o.code)}
            onChange={(e) => {
              if (!multiple) return onChange(o.code);
              const next = e.currentTarget.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code);
              onChange(next);
            }}
          />
          {tx(o.label)}
        </label>
      ))}
    </fieldset>
  );
}
