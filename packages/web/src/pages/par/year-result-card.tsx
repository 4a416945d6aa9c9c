import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssessmentListItem, AssessmentView } from '../../api/par-types';
import { formatPercent, formatPoints } from './par-format';
import { ScoreBars } from './score-bars';
import { TotalWithCheck } from './totals';

/**
 * A finished year (final or published) shows its result, never a projection dated today: the published
 * total beside the total recomputed from the fields (with the difference flagged), the index, the band,
 * the rank as the lists show it, and the final points per field.
 */
export function YearResultCard({ assessment, listed }: { assessment: AssessmentView; listed: AssessmentListItem | undefined }) {
  const { t } = useTranslation();
  const max = formatPoints(assessment.maxHundredths);
  const fields = assessment.lines.filter((l) => l.parentId === null);
  const rank = listed?.rank ?? null;
  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>{t('par.dashboard.result_title', { year: assessment.year, status: t(`par.status.${assessment.status}`) })}</h2>
      }
    >
      <Typography.Paragraph type="secondary">{t('par.dashboard.result_note')}</Typography.Paragraph>
      <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
        {assessment.reportedTotalHundredths !== null ? (
          <Col xs={24} sm={12} md={6}>
            <Statistic
              title={t('par.dashboard.reported_total')}
              value={t('par.dashboard.of_max', { value: formatPoints(assessment.reportedTotalHundredths), max })}
            />
          </Col>
        ) : null}
        <Col xs={24} sm={12} md={6}>
          <Statistic
            title={t('par.dashboard.computed_total')}
            valueRender={() => (
              <TotalWithCheck computed={assessment.computedTotalHundredths} reported={assessment.reportedTotalHundredths} differs={assessment.totalsDiffer} />
            )}
          />
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Statistic title={t('par.index')} value={formatPercent(assessment.percentBasisPoints) || t('common.none')} />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <Statistic title={t('par.band')} value={assessment.band ?? t('common.none')} />
        </Col>
        <Col xs={24} sm={12} md={5}>
          <Statistic
            title={listed?.rankSource ? t(`par.dashboard.rank_source.${listed.rankSource}`) : t('par.rank')}
            value={
              rank === null ? t('common.none') : listed?.rankGroupSize ? t('par.dashboard.rank_shown', { rank, size: listed.rankGroupSize }) : String(rank)
            }
          />
        </Col>
      </Row>
      <h3 style={{ fontSize: 14 }}>{t('par.dashboard.result_by_field')}</h3>
      <ScoreBars
        items={fields.map((f) => ({
          key: f.nodeId,
          label: t('par.dashboard.field_label', { code: f.code, title: f.title }),
          value: f.layers.final.points,
          max: f.maxHundredths,
          valueText: t('par.dashboard.of_max', { value: formatPoints(f.layers.final.points) || t('common.none'), max: formatPoints(f.maxHundredths) }),
          short: f.layers.final.points !== null && f.layers.final.points < f.maxHundredths,
        }))}
      />
    </Card>
  );
}
