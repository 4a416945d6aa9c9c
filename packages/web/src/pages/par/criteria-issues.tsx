import { Alert, List } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriteriaIssue } from '../../api/par-types';
import i18n from '../../i18n';
import { lookupText } from '../../i18n/lookup';
import { ToneTag } from '../../components/tone-tag';
import { formatPoints } from './par-format';

/** A rule parameter as the form labels it ('bands.0.points' → the first band's points). */
function paramName(param: unknown): string {
  if (typeof param !== 'string') return '';
  const band = /^bands\.(\d+)\.points$/.exec(param);
  if (band) return i18n.t('par.rule.band_points', { n: Number(band[1]) + 1 });
  return lookupText(`par.rule.param.${param}`) ?? param;
}

/** The sentence for a validation issue of a set ('criteria.max_mismatch' with its numbers). */
export function issueText(issue: Pick<CriteriaIssue, 'code' | 'detail'>): string {
  const key = `errors.${issue.code}`;
  if (lookupText(key) === null) return issue.code;
  const d = issue.detail ?? {};
  const points = (v: unknown) => (typeof v === 'number' ? formatPoints(v) : String(v ?? ''));
  // A metric binding's problem names its key ('par.metric_unknown', 'par.metric_kind_mismatch').
  const metricKey = typeof d.key === 'string' ? ` (${d.key})` : '';
  return `${String(
    i18n.t(
      key as never,
      {
        max: points(d.max),
        childrenMax: points(d.childrenMax),
        value: points(d.value),
        param: paramName(d.param),
        parentCode: String(d.parentCode ?? ''),
        parentLevel: typeof d.parentLevel === 'string' ? (lookupText(`par.criteria.level.${d.parentLevel}`) ?? d.parentLevel) : '',
      } as never,
    ),
  )}${metricKey}`;
}

/** Errors block activation; warnings are advice. Both are listed with the row's code. */
export function CriteriaIssues({ issues }: { issues: readonly CriteriaIssue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return <Alert type="success" showIcon title={t('par.criteria.no_issues')} />;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <Alert
      type={errors > 0 ? 'error' : 'warning'}
      showIcon
      title={t('par.criteria.issues_title', { errors, warnings: issues.length - errors })}
      description={
        <List
          size="small"
          dataSource={[...issues]}
          renderItem={(issue) => (
            <List.Item style={{ paddingInline: 0 }}>
              <span>
                <ToneTag tone={issue.severity === 'error' ? 'red' : 'gold'}>{t(`par.criteria.severity.${issue.severity}`)}</ToneTag>
                {t('par.criteria.issue_line', { code: issue.nodeCode, text: issueText(issue) })}
              </span>
            </List.Item>
          )}
        />
      }
    />
  );
}
