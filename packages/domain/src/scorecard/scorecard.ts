import { DomainInputError, type Hundredths } from '../values';
import { buildCriteriaTree, compareCodes, flattenTree, type CriteriaSet, type CriterionLevel, type CriterionTreeNode } from './criteria-tree';
import { percentBasisPoints, type RoundingMode } from './rounding';

/** Score layers of a row (docs/domain/par-index.md#score-layers-evidence-and-not-applicable-rows): self-assessment, appraisal, final, live projection. */
export const SCORE_LAYERS = ['self', 'appraised', 'final', 'projected'] as const;
export type ScoreLayer = (typeof SCORE_LAYERS)[number];

/**
 * What is known about one row. Layer values belong on scored rows (leaves, or parents with a rule of their
 * own); `notApplicable` may sit on any row and covers its whole subtree (e.g. field 3 for a unit without procedures).
 */
export type NodeValues = { readonly [L in ScoreLayer]?: Hundredths | null } & { readonly notApplicable?: boolean };

export interface LayerResult {
  /** Sum of the scored rows below (or the row's own score); `null` when nothing is scored yet. */
  readonly points: Hundredths | null;
  /** Applicable scored rows still without a value in this layer. */
  readonly unscoredCount: number;
  /** points ÷ maximum, basis points (93.18 % → 9318). */
  readonly percentBasisPoints: number | null;
  /** points ÷ applicable maximum when the set rescales not-applicable rows, else the same as the percent. */
  readonly indexBasisPoints: number | null;
}

export interface ScorecardLine {
  readonly nodeId: string;
  readonly parentId: string | null;
  readonly code: string;
  readonly title: string;
  readonly level: CriterionLevel;
  readonly depth: number;
  /** True when the row carries its own rule (a leaf, or a parent not summing its children). */
  readonly isScored: boolean;
  /** False below a scored parent: such rows are shown but the parent's own score counts instead. */
  readonly countsTowardTotal: boolean;
  readonly notApplicable: boolean;
  readonly maxHundredths: Hundredths;
  readonly applicableMaxHundredths: Hundredths;
  readonly responsibleUnitId: string | null;
  readonly metric: string | null;
  readonly layers: Readonly<Record<ScoreLayer, LayerResult>>;
}

export interface Scorecard {
  readonly year: number;
  readonly scope: string;
  readonly rounding: RoundingMode;
  readonly notApplicableMethod: CriteriaSet['notApplicableMethod'];
  /** Rows in display order, parents before children. */
  readonly lines: readonly ScorecardLine[];
  readonly total: {
    readonly maxHundredths: Hundredths;
    readonly applicableMaxHundredths: Hundredths;
    readonly layers: Readonly<Record<ScoreLayer, LayerResult>>;
  };
}

interface Aggregate {
  readonly max: number;
  readonly applicableMax: number;
  readonly points: Record<ScoreLayer, number | null>;
  readonly unscored: Record<ScoreLayer, number>;
}

function perLayer<T>(f: (layer: ScoreLayer) => T): Record<ScoreLayer, T> {
  return { self: f('self'), appraised: f('appraised'), final: f('final'), projected: f('projected') };
}

function layerResults(set: CriteriaSet, agg: Aggregate): Record<ScoreLayer, LayerResult> {
  const base = set.notApplicableMethod === 'rescale' ? agg.applicableMax : agg.max;
  return perLayer((layer) => {
    const points = agg.points[layer] as Hundredths | null;
    return {
      points,
      unscoredCount: agg.unscored[layer],
      percentBasisPoints: points === null ? null : percentBasisPoints(points, agg.max as Hundredths, set.rounding),
      indexBasisPoints: points === null ? null : percentBasisPoints(points, base as Hundredths, set.rounding),
    };
  });
}

function checkedValue(t: CriterionTreeNode, layer: ScoreLayer, value: Hundredths | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const { node } = t;
  const ceiling = node.rule.kind === 'bonus' ? node.rule.cap : node.maxHundredths;
  if (!Number.isSafeInteger(value) || value < 0 || value > ceiling) {
    throw new DomainInputError('scorecard.score_out_of_range', { nodeCode: node.code, layer, value, max: ceiling });
  }
  return value;
}

function sumAggregates(children: readonly Aggregate[]): Omit<Aggregate, 'max'> {
  const add = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);
  return {
    applicableMax: children.reduce((s, c) => s + c.applicableMax, 0),
    points: perLayer((layer) => children.reduce<number | null>((s, c) => add(s, c.points[layer]), null)),
    unscored: perLayer((layer) => children.reduce((s, c) => s + c.unscored[layer], 0)),
  };
}

/**
 * Computes every row and the total for each layer: parents sum their children (unless they carry a rule
 * of their own), not-applicable rows leave the applicable maximum, and the index is rescaled to the
 * applicable maximum when the set says so. Published or entered figures are never adjusted.
 *
 * @throws DomainInputError('scorecard.unknown_node') for values of a row not in the set,
 *   ('scorecard.value_on_sum_row') for a layer value on a row that sums its children,
 *   ('scorecard.score_out_of_range') for a value outside [0, max] (bonus rows: [0, cap]).
 * @example computeScorecard(template2019Department(), new Map([['field-1', { final: 1025 as Hundredths }]]))
 *   .lines[0].layers.final.percentBasisPoints // 9318
 */
export function computeScorecard(set: CriteriaSet, values: ReadonlyMap<string, NodeValues>): Scorecard {
  const tree = buildCriteriaTree(set.nodes);
  for (const [nodeId, v] of values) {
    const t = tree.byId.get(nodeId);
    if (t === undefined) throw new DomainInputError('scorecard.unknown_node', { nodeId });
    if (t.node.rule.kind === 'sum' && SCORE_LAYERS.some((layer) => v[layer] !== undefined && v[layer] !== null)) {
      throw new DomainInputError('scorecard.value_on_sum_row', { nodeCode: t.node.code });
    }
  }
  const lines = new Map<string, ScorecardLine>();
  const visit = (t: CriterionTreeNode, inheritedNa: boolean, counts: boolean): Aggregate => {
    const { node } = t;
    const own = values.get(node.id);
    const na = inheritedNa || own?.notApplicable === true;
    const isScored = node.rule.kind !== 'sum';
    const children = t.children.map((c) => visit(c, na, counts && !isScored));
    const agg: Aggregate = isScored
      ? {
          max: node.maxHundredths,
          applicableMax: na ? 0 : node.maxHundredths,
          points: perLayer((layer) => (na ? null : checkedValue(t, layer, own?.[layer]))),
          unscored: perLayer((layer) => (!na && (own?.[layer] ?? null) === null ? 1 : 0)),
        }
      : { max: node.maxHundredths, ...sumAggregates(children) };
    const allChildrenNa = t.children.length > 0 && t.children.every((c) => lines.get(c.node.id)?.notApplicable === true);
    lines.set(node.id, {
      nodeId: node.id,
      parentId: node.parentId,
      code: node.code,
      title: node.title,
      level: node.level,
      depth: t.depth,
      isScored,
      countsTowardTotal: counts,
      notApplicable: na || (!isScored && allChildrenNa),
      maxHundredths: node.maxHundredths,
      applicableMaxHundredths: agg.applicableMax as Hundredths,
      responsibleUnitId: node.responsibleUnitId ?? null,
      metric: node.metric ?? null,
      layers: layerResults(set, agg),
    });
    return agg;
  };
  const roots = tree.roots.map((r) => visit(r, false, true));
  const total: Aggregate = { max: roots.reduce((s, r) => s + r.max, 0), ...sumAggregates(roots) };
  return {
    year: set.year,
    scope: set.scope,
    rounding: set.rounding,
    notApplicableMethod: set.notApplicableMethod,
    lines: flattenTree(tree).map((t) => lines.get(t.node.id) as ScorecardLine),
    total: {
      maxHundredths: total.max as Hundredths,
      applicableMaxHundredths: total.applicableMax as Hundredths,
      layers: layerResults(set, total),
    },
  };
}

export interface PointsAtRisk {
  readonly nodeId: string;
  readonly code: string;
  readonly title: string;
  readonly responsibleUnitId: string | null;
  readonly metric: string | null;
  readonly maxHundredths: Hundredths;
  readonly pointsHundredths: Hundredths | null;
  /** max − points; `null` when the row has no value yet (its whole maximum is uncertain). */
  readonly atRiskHundredths: Hundredths | null;
}

/**
 * The scored rows that count toward the total, most points at risk first (max − projected), rows without
 * a projection after them, ties in code order. Not-applicable rows are left out.
 * @example pointsAtRisk(card2019, 'final')[0] // { code: '8', atRiskHundredths: 1425, ... }: the survey lost most
 */
export function pointsAtRisk(card: Scorecard, layer: ScoreLayer = 'projected'): PointsAtRisk[] {
  return card.lines
    .filter((l) => l.isScored && l.countsTowardTotal && !l.notApplicable)
    .map((l) => {
      const points = l.layers[layer].points;
      return {
        nodeId: l.nodeId,
        code: l.code,
        title: l.title,
        responsibleUnitId: l.responsibleUnitId,
        metric: l.metric,
        maxHundredths: l.maxHundredths,
        pointsHundredths: points,
        atRiskHundredths: points === null ? null : ((l.maxHundredths - points) as Hundredths),
      };
    })
    .sort((a, b) => {
      if (a.atRiskHundredths === null || b.atRiskHundredths === null) {
        if (a.atRiskHundredths !== b.atRiskHundredths) return a.atRiskHundredths === null ? 1 : -1;
      } else if (a.atRiskHundredths !== b.atRiskHundredths) {
        return b.atRiskHundredths - a.atRiskHundredths;
      }
      return compareCodes(a.code, b.code);
    });
}
