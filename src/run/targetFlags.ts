import type { OptionTable } from '../options/OptionTable.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import { RUN_OPTION_TABLE } from './runOptionTable.ts';
import type { RunOptions } from './RunOptions.ts';

/** The run options that choose and configure the target: `replay` and `diff` accept them too. */
export type TargetFlags = Pick<
  RunOptions,
  'target' | 'endpoint' | 'mutants' | 'role' | 'region' | 'events' | 'allowAccounts'
>;

/** The rows of {@link RUN_OPTION_TABLE} for {@link TargetFlags}: the same flags, help and checks. */
export const TARGET_FLAG_TABLE: OptionTable<TargetFlags> = {
  target: RUN_OPTION_TABLE.target,
  endpoint: RUN_OPTION_TABLE.endpoint,
  mutants: RUN_OPTION_TABLE.mutants,
  role: RUN_OPTION_TABLE.role,
  region: RUN_OPTION_TABLE.region,
  events: RUN_OPTION_TABLE.events,
  allowAccounts: RUN_OPTION_TABLE.allowAccounts,
};

/**
 * The target settings of a run: `base` (a scenario's target, or a saved counterexample's) with the
 * target flags over it. An `--events` file is read here and replaces the base's mapping; accounts
 * add to the base's; mutants replace them when any are given.
 *
 * @throws ScenarioError when the `--events` file cannot be read or is not an event mapping.
 */
export async function applyTargetFlags(
  base: ScenarioTarget,
  flags: TargetFlags,
): Promise<ScenarioTarget> {
  const accounts = flags.allowAccounts ?? [];
  // The YAML reader is loaded only when an --events file is given (a memory run never needs it).
  const events =
    flags.events === undefined
      ? undefined
      : await (await import('../spec/loadEventMapping.ts')).loadEventMapping(flags.events);
  return {
    ...base,
    ...(flags.target !== undefined ? { name: flags.target } : {}),
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.role !== undefined ? { role: flags.role } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(events !== undefined ? { events } : {}),
    ...(flags.mutants !== undefined && flags.mutants.length > 0 ? { mutants: flags.mutants } : {}),
    ...(accounts.length > 0 ? { allowAccounts: [...(base.allowAccounts ?? []), ...accounts] } : {}),
  };
}
