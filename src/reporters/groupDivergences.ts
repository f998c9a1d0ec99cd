import type { Divergence } from '../runner/RunRecord.ts';
import { CATEGORY_TITLES, type DivergenceCategory } from '../monitor/Verdict.ts';

/** The divergences of one category, titled for a report. */
export interface DivergenceGroup {
  readonly category: DivergenceCategory;
  /** From {@link CATEGORY_TITLES}. */
  readonly title: string;
  readonly divergences: readonly Divergence[];
}

/** Divergences split into new ones and known ones (listed in a baseline), each grouped by category. */
export interface GroupedDivergences {
  readonly fresh: readonly DivergenceGroup[];
  readonly known: readonly DivergenceGroup[];
}

/**
 * Groups divergences by category in {@link CATEGORY_TITLES} order (empty groups left out), keeping
 * the record's order inside a group, with `baselined` ones apart as "known". Every reporter uses it,
 * so all reports list divergences the same way.
 */
export function groupDivergences(divergences: readonly Divergence[]): GroupedDivergences {
  return {
    fresh: byCategory(divergences.filter((d) => d.baselined !== true)),
    known: byCategory(divergences.filter((d) => d.baselined === true)),
  };
}

function byCategory(divergences: readonly Divergence[]): DivergenceGroup[] {
  const categories = Object.keys(CATEGORY_TITLES) as DivergenceCategory[];
  const groups: DivergenceGroup[] = [];
  for (const category of categories) {
    const members = divergences.filter((d) => d.category === category);
    if (members.length > 0) {
      groups.push({ category, title: CATEGORY_TITLES[category], divergences: members });
    }
  }
  // A category unknown to this version (a newer record) still gets reported, under its own name.
  const known = new Set<string>(categories);
  for (const d of divergences) {
    if (!known.has(d.category)) {
      known.add(d.category);
      const members = divergences.filter((x) => x.category === d.category);
      groups.push({ category: d.category, title: d.category, divergences: members });
    }
  }
  return groups;
}

/** Number of divergences in a list of groups. */
export function countDivergences(groups: readonly DivergenceGroup[]): number {
  return groups.reduce((n, g) => n + g.divergences.length, 0);
}
