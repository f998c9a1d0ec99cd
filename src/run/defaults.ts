/** The scenario `run` uses when given none, relative to the working directory (when it exists). */
export const DEFAULT_SCENARIO = 'scenarios/default.yaml';

/** The spec checked when there is no scenario to name one, relative to the working directory. */
export const DEFAULT_SPEC = 'spec/lambda-lifecycle.yaml';

/** The reporters of a run whose options and scenario name none. */
export const DEFAULT_REPORTERS = ['console', 'json', 'junit', 'markdown'] as const;

/** The output directory of a run whose options and scenario name none. */
export const DEFAULT_OUT = 'reports';
