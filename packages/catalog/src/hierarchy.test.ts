import { describe, expect, it } from 'vitest';
import { Hierarchy, drillPosition } from './hierarchy.js';

const h = new Hierarchy([
  { code: 'ML', name: 'Mali', level: 'pays', parentCode: null },
  { code: 'ML04', name: 'Ségou', level: 'region', parentCode: 'ML' },
  { code: 'ML05', name: 'Mopti', level: 'region', parentCode: 'ML' },
  { code: 'ML0401', name: 'Barouéli', level: 'cercle', parentCode: 'ML04' },
  { code: 'ML040101', name: 'Barouéli', level: 'commune', parentCode: 'ML0401' },
]);

describe('drill-down within a node', () => {
  it('national → regions → cercles → communes, with the breadcrumb from the node down', () => {
    const top = drillPosition(h, 'ML')!;
    expect(top.unit.code).toBe('ML');
    expect(top.children.map((u) => u.code)).toEqual(['ML04', 'ML05']);
    expect(top.children.map(top.canDrill)).toEqual([true, false]);
    const cercle = drillPosition(h, 'ML', 'ML0401')!;
    expect(cercle.path.map((u) => u.code)).toEqual(['ML', 'ML04', 'ML0401']);
    expect(cercle.children.map(cercle.canDrill)).toEqual([false]);
  });

  it('a node sees only its own units, never above, and nothing under a commune', () => {
    expect(drillPosition(h, 'ML04', 'ML0401')!.path.map((u) => u.code)).toEqual(['ML04', 'ML0401']);
    expect(drillPosition(h, 'ML04', 'ML')).toBeUndefined();
    expect(drillPosition(h, 'ML04', 'ML05')).toBeUndefined();
    expect(drillPosition(h, 'ML', 'ML040101')).toBeUndefined();
    expect(drillPosition(h, 'ML', 'XX')).toBeUndefined();
  });
});
