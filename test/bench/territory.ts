import { readFileSync, writeFileSync } from 'node:fs';

/** One commune of the benchmark territory with its cercle and region. */
export interface BenchCommune {
  code: string;
  name: string;
  cercle: string;
  cercleName: string;
  region: string;
  regionName: string;
}

export interface BenchTerritory {
  scale: number;
  communes: BenchCommune[];
  cercles: string[];
  regions: string[];
}

/**
 * Mali's territory at a scale. Scale 1 is `mali-communes.csv` as it is (701 communes, 50 cercles,
 * 9 regions). Scale k adds k − 1 synthetic twins of every cercle under the same region, with
 * twins of its communes: cercle `ML0401` gets `ML0421`, `ML0441`, `ML0461` (cercle number + 20 ×
 * copy; Mali has at most 8 cercles per region, so codes stay two-digit P-codes and every commune
 * keeps its cercle's prefix). A larger country is more cercles, each the size of a real one:
 * the work of a CCC and of the consolidation per cercle stays realistic, and the 9 regions keep
 * matching the boundaries of the national map.
 */
export function benchTerritory(communesCsv: string, scale: number): BenchTerritory {
  if (!Number.isInteger(scale) || scale < 1 || scale > 4)
    throw new Error(`scale must be 1 to 4, got ${scale}`);
  const lines = readFileSync(communesCsv, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const real: BenchCommune[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const [region, regionName, cercle, cercleName, code, name] = line.split(',');
    if (!region || !regionName || !cercle || !cercleName || !code || !name) continue;
    real.push({ code, name, cercle, cercleName, region, regionName });
  }
  const communes: BenchCommune[] = [];
  for (let copy = 0; copy < scale; copy++) {
    for (const c of real) {
      if (copy === 0) {
        communes.push(c);
        continue;
      }
      const cercle = `${c.region}${String(Number(c.cercle.slice(4, 6)) + 20 * copy).padStart(2, '0')}`;
      communes.push({
        ...c,
        cercle,
        cercleName: `${c.cercleName} ${copy + 1}`,
        code: `${cercle}${c.code.slice(6)}`,
        name: `${c.name} ${copy + 1}`,
      });
    }
  }
  return {
    scale,
    communes,
    cercles: [...new Set(communes.map((c) => c.cercle))].sort(),
    regions: [...new Set(communes.map((c) => c.region))].sort(),
  };
}

/** Writes the territory in the columns of `mali-communes.csv` (what `oise territory import` reads). */
export function writeTerritoryCsv(territory: BenchTerritory, path: string): void {
  const rows = territory.communes.map((c) =>
    [c.region, c.regionName, c.cercle, c.cercleName, c.code, c.name].join(','),
  );
  writeFileSync(
    path,
    `region_code,region_name,cercle_code,cercle_name,commune_code,commune_name\n${rows.join('\n')}\n`,
  );
}
