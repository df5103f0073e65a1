import { describe, expect, it } from 'vitest';
import { HUE_KPIS, KPI_DOMAINS, kpiDefinition, kpiValueProblem } from './kpiCatalogue';

describe("Huế's indicator catalogue", () => {
  it('has at least 20 indicators, each id once, named in vi and en, covering every domain', () => {
    expect(HUE_KPIS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(HUE_KPIS.map((k) => k.id)).size).toBe(HUE_KPIS.length);
    for (const k of HUE_KPIS) expect(k.name.vi && k.name.en && k.name.vi !== k.name.en).toBeTruthy();
    expect(new Set(HUE_KPIS.map((k) => k.domain))).toEqual(new Set(KPI_DOMAINS));
  });

  it('sets every target within what its unit allows', () => {
    for (const k of HUE_KPIS) expect(kpiValueProblem(k.unit, k.target), k.id).toBeNull();
  });

  it('finds an indicator by id, and nothing for an unknown one', () => {
    expect(kpiDefinition('cashless-rate')?.unit).toBe('percent');
    expect(kpiDefinition('toString')).toBeUndefined();
  });
});

describe('values impossible for their unit', () => {
  it('refuses a share over 100 or under 0, a negative count, revenue or energy', () => {
    expect(kpiValueProblem('percent', 100.5)).toMatch(/0-100/);
    expect(kpiValueProblem('percent', -1)).toMatch(/0-100/);
    expect(kpiValueProblem('count', -3)).toMatch(/negative/);
    expect(kpiValueProblem('billion-vnd', -0.1)).toMatch(/negative/);
    expect(kpiValueProblem('mwh', Number.NaN)).toMatch(/finite/);
  });

  it('takes a negative growth, and the edges of each range', () => {
    expect(kpiValueProblem('growth-percent', -2.5)).toBeNull();
    expect(kpiValueProblem('growth-percent', 101)).toMatch(/±100/);
    expect(kpiValueProblem('percent', 0)).toBeNull();
    expect(kpiValueProblem('percent', 100)).toBeNull();
    expect(kpiValueProblem('count', 0)).toBeNull();
  });
});
