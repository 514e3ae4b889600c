import {
  type BoundaryFeature,
  type BoundaryLevel,
  type Ring,
  readBoundaryFile,
  storedBoundaries,
} from '@oise/catalog';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

export type { BoundaryFeature, Ring };

export interface Boundaries {
  /** Where they come from: the file given, or the stored boundaries' source file. */
  file: string;
  /** The org-unit level the features describe. */
  level: BoundaryLevel;
  features: BoundaryFeature[];
}

/**
 * Reads a boundary file given by path (`--boundaries`, or the `report.boundaries` setting of a
 * node whose boundaries have not arrived yet), checked as `oise territory boundaries import`
 * checks it. A French error names the file (as `name`, by default its path).
 */
export function readBoundaries(file: string, name: string = file): Boundaries {
  return { ...readBoundaryFile(file, name), file };
}

/**
 * The report maps' boundaries from those the node holds (imported at national, received with
 * the territory elsewhere): the regions, else the cercles; undefined when none are stored.
 */
export async function reportBoundaries(db: Kysely<Database>): Promise<Boundaries | undefined> {
  for (const level of ['region', 'cercle'] as const) {
    const features = await storedBoundaries(db, level);
    if (features.length > 0) {
      const source = await db
        .selectFrom('org_unit_boundary')
        .select('source')
        .where('level', '=', level)
        .orderBy('updated_at', 'desc')
        .executeTakeFirst();
      return { file: source?.source ?? 'limites enregistrées', level, features };
    }
  }
  return undefined;
}
