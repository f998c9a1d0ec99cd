import {
  answersVersion,
  CONFIGURATION_FIELDS,
  operationFacts,
  STATE_FIELDS,
} from '../lambda/catalogue.ts';
import type {
  FunctionConfiguration,
  GetFunctionResponse,
  InvokeResponse,
} from '../lambda/LambdaApi.ts';
import type { ObservedFields } from '../lambda/Observation.ts';
import { deployedRevisions } from './deployedRevision.ts';

type Loose = Partial<Record<string, unknown>>;

/** The catalogue's `from: configuration` fields a FunctionConfiguration carries as strings. */
function pick(config: Loose | undefined): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  if (config === undefined) return fields;
  for (const key of CONFIGURATION_FIELDS) {
    const value = config[key];
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

/** What the conformance handler answers: `{"code":N,"config":M}`; anything else is not ours. */
function ranRevisions(payload: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { code, config } = parsed as Loose;
    const out: Record<string, number> = {};
    if (typeof code === 'number') out['ranCode'] = code;
    if (typeof config === 'number') out['ranConfig'] = config;
    return out;
  } catch {
    return {};
  }
}

/** The published version with the highest number, whatever order the list is in. */
function highestVersion(published: readonly Partial<FunctionConfiguration>[]): Loose | undefined {
  let best: Partial<FunctionConfiguration> | undefined;
  for (const v of published) {
    if (best === undefined || Number(v.Version) > Number(best.Version)) best = v;
  }
  return best;
}

/**
 * Maps a successful Lambda API response to observation fields (spec/README.md, "Observation
 * fields"), by the shape of the operation's answer in the catalogue (src/lambda/catalogue.ts).
 * `functionName` is the real name of the function the operation addressed; `args` are the
 * operation's abstract arguments: an answer about a published version (see `answersVersion`) has
 * its RevisionId left out, as it is the version's, not $LATEST's.
 *
 * The response objects may come from the simulation or from `@aws-sdk/client-lambda`; both use the
 * service's member names, so one mapping serves every target.
 */
export function observeResponse(
  operation: string,
  response: unknown,
  functionName: string,
  args?: Readonly<Record<string, string | number>>,
): ObservedFields {
  const fields = observeAnswer(operation, response, functionName);
  if (!answersVersion(args) || !('RevisionId' in fields)) return fields;
  const own = { ...fields };
  delete own['RevisionId'];
  return own;
}

function observeAnswer(operation: string, response: unknown, functionName: string): ObservedFields {
  const body = (response ?? {}) as Loose;
  switch (operationFacts(operation)?.answer) {
    case 'function': {
      const config = (body as Partial<GetFunctionResponse>).Configuration as Loose | undefined;
      return { ...pick(config), ...deployedRevisions(config) };
    }
    case 'configuration':
      return { ...pick(body), ...deployedRevisions(body) };
    case 'version': {
      // The response is the new version's configuration: its RevisionId is the version's, not the
      // function's, so it must not be compared with $LATEST's.
      const fields = { ...pick(body), ...deployedRevisions(body) };
      delete fields['RevisionId'];
      return fields;
    }
    case 'invocation': {
      const invoke = body as Partial<InvokeResponse>;
      const fields: Record<string, string | number | boolean> = {};
      if (typeof invoke.StatusCode === 'number') fields['StatusCode'] = invoke.StatusCode;
      if (typeof invoke.ExecutedVersion === 'string')
        fields['ExecutedVersion'] = invoke.ExecutedVersion;
      if (typeof invoke.FunctionError === 'string') fields['FunctionError'] = invoke.FunctionError;
      return { ...fields, ...ranRevisions(invoke.Payload ?? '') };
    }
    case 'versions': {
      const versions = (body['Versions'] ?? []) as Partial<FunctionConfiguration>[];
      const published = versions.filter((v) => v.Version !== '$LATEST');
      return {
        versionCount: published.length,
        ...deployedRevisions(highestVersion(published), {
          code: 'versionCode',
          config: 'versionConfig',
        }),
      };
    }
    case 'functions': {
      const functions = (body['Functions'] ?? []) as Loose[];
      const mine = functions.filter((f) => f['FunctionName'] === functionName);
      return {
        listed: mine.length > 0,
        stateFieldsListed: functions.some((f) => STATE_FIELDS.some((k) => f[k] !== undefined)),
      };
    }
    case 'alias': {
      // The alias's own RevisionId is not $LATEST's: only the version it points at is observed.
      const version = body['FunctionVersion'];
      return typeof version === 'string' ? { FunctionVersion: version } : {};
    }
    case 'waiter': {
      const state = body['state'];
      return typeof state === 'string' ? { WaiterState: state } : {};
    }
    case 'nothing':
    case undefined:
      return {};
  }
}
