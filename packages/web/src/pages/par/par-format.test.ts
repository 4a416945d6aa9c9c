import { describe, expect, it } from 'vitest';
import type { AtRiskRow } from '../../api/par-types';
import { barPercent, latestLayer, formatPercent, formatPoints, parseScoreText, rateBasisPoints, sortAtRisk, toScoreText, totalAtRisk } from './par-format';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('score and percent display', () => {
  it.each([
    [8018, '80,18'],
    [8008, '80,08'],
    [650, '6,50'],
    [0, '0,00'],
    [5, '0,05'],
  ])('formatPoints(%i) = %s', (h, text) => expect(formatPoints(h)).toBe(text));

  it('shows nothing for an unscored value', () => {
    expect(formatPoints(null)).toBe('');
    expect(formatPercent(null)).toBe('');
  });

  it('writes percents from basis points with a decimal comma', () => expect(nbsp(formatPercent(8018))).toBe('80,18 %'));

  it('gives input text that parses back to the same hundredths', () => {
    for (const h of [0, 5, 50, 650, 1025, 3600, 10_000]) expect(parseScoreText(toScoreText(h))).toBe(h);
  });
});

describe('parseScoreText', () => {
  it.each([
    ['8', 800],
    ['8,5', 850],
    ['8.5', 850],
    ['80,08', 8008],
    [' 10,25 ', 1025],
    ['0,02', 2],
  ])('reads %j as %i hundredths', (text, h) => expect(parseScoreText(text)).toBe(h));

  it.each(['', '-1', '8,555', '1.000,5', 'abc', '8,', ',5'])('refuses %j', (text) => expect(parseScoreText(text)).toBeNull());
});

const row = (code: string, atRisk: number | null): AtRiskRow => ({
  nodeId: code,
  code,
  title: code,
  responsibleUnitId: null,
  metric: null,
  metricValue: null,
  maxHundredths: 1000,
  projectedHundredths: atRisk === null ? null : 1000 - atRisk,
  atRiskHundredths: atRisk,
  recoveryHint: null,
  source: atRisk === null ? 'unknown' : 'score',
  hint: null,
});

describe('points at risk', () => {
  it('sorts the largest loss first, ties by code read as numbers, unknown losses last', () => {
    const sorted = sortAtRisk([row('7.10', 50), row('1', null), row('7.2', 300), row('7.9', 50), row('3', 2)]);
    expect(sorted.map((r) => r.code)).toEqual(['7.2', '7.9', '7.10', '3', '1']);
  });

  it('does not mutate its input', () => {
    const rows = [row('1', 1), row('2', 2)];
    sortAtRisk(rows);
    expect(rows.map((r) => r.code)).toEqual(['1', '2']);
  });

  it('adds the known losses: the 2019 field 7 loses 3,00 and 0,50', () => expect(totalAtRisk([row('7.1', 300), row('7.2', 50), row('8', null)])).toBe(350));
});

describe('rates and bars', () => {
  it('turns a rate into basis points and a zero denominator into no data', () => {
    expect(rateBasisPoints({ kind: 'rate', numerator: 9, denominator: 10 })).toBe(9000);
    expect(rateBasisPoints({ kind: 'rate', numerator: 0, denominator: 4 })).toBe(0);
    // Rounded, not truncated: 13/14 = 92,857… % reads 92,86 %.
    expect(rateBasisPoints({ kind: 'rate', numerator: 13, denominator: 14 })).toBe(9286);
    expect(nbsp(formatPercent(rateBasisPoints({ kind: 'rate', numerator: 13, denominator: 14 })))).toBe('92,86 %');
    expect(rateBasisPoints({ kind: 'rate', numerator: 0, denominator: 0 })).toBeNull();
    expect(rateBasisPoints({ kind: 'share', basisPoints: 3000 })).toBe(3000);
  });

  it('keeps bars within 0–100 %', () => {
    expect(barPercent(650, 1000)).toBe(65);
    expect(barPercent(null, 1000)).toBe(0);
    expect(barPercent(1200, 1000)).toBe(100);
    expect(barPercent(5, 0)).toBe(0);
  });
});

describe('latestLayer', () => {
  const layer = (points: number | null) => ({ points, unscoredCount: 0, percentBasisPoints: null, indexBasisPoints: null });
  it('prefers final, then appraised, then self', () => {
    expect(latestLayer({ self: layer(1), appraised: layer(2), final: layer(3), projected: layer(4) })).toBe('final');
    expect(latestLayer({ self: layer(1), appraised: layer(0), final: layer(null), projected: layer(4) })).toBe('appraised');
    expect(latestLayer({ self: layer(1), appraised: layer(null), final: layer(null), projected: layer(4) })).toBe('self');
    expect(latestLayer({ self: layer(null), appraised: layer(null), final: layer(null), projected: layer(4) })).toBeNull();
  });
});
