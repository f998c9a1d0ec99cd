/** The scenario `run` uses when given none, relative to the working directory (when it exists). */
export const DEFAULT_SCENARIO = 'scenarios/default.yaml';

import { packagePaths } from '../package/packagePaths.ts';

/** The spec checked when there is no scenario to name one: the package's own. */
export const DEFAULT_SPEC = packagePaths().spec;

/** The reporters of a run whose options and scenario name none. */
export const DEFAULT_REPORTERS = ['console', 'json', 'junit', 'markdown'] as const;

/** The output directory of a run whose options and scenario name none. */
export const DEFAULT_OUT = 'reports';
