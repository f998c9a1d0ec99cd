import { HarnessError } from '../../errors/HarnessError.ts';
import type {
  CreateFunctionRequest,
  FunctionConfiguration,
  GetFunctionResponse,
  InvokeResponse,
  LambdaApi,
  PublishVersionRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../LambdaApi.ts';
import type { EventName } from '../Operation.ts';
import { createFunction } from './createFunction.ts';
import { arnOf, findLatest, findQualified, findTaggable, readGhost } from './findFunction.ts';
import { parseFunctionRef, resolveQualifier } from './functionRef.ts';
import { refusalOf } from './guards.ts';
import { invokeFunction } from './invokeFunction.ts';
import { functionNotFound, invalidParameter } from './lambdaErrors.ts';
import type { MutantName } from './mutants.ts';
import { publishVersion } from './publishVersion.ts';
import {
  codeLocation,
  latestConfiguration,
  listedConfiguration,
  versionConfiguration,
} from './renderConfiguration.ts';
import { RevisionIdSource } from './RevisionIdSource.ts';
import { has } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import { resolveMutants, resolveSimulationOptions } from './SimulationOptions.ts';
import type { LambdaSimulationOptions } from './SimulationOptions.ts';
import { Timeline } from './Timeline.ts';
import { deleteImage, reclaimIdle, settle } from './transitions.ts';
import { updateFunctionCode, updateFunctionConfiguration } from './updateFunction.ts';

/**
 * A hand-written simulation of the Lambda control plane, built from the documents (the seed pages
 * and docs/lambda-facts.md), never from the harness's spec: the spec is checked against it.
 *
 * Time is lazy: before every call, every timed transition that is due by `clock()` happens, in time
 * order, so it works with a virtual clock (memory target) and with `Date.now` (HTTP emulator). It
 * never sleeps, sets no timers and uses no randomness. Mutants from `mutants.ts` switch on
 * documented-behaviour bugs for the harness to catch.
 */
export class LambdaSimulation implements LambdaApi {
  readonly #core: SimulationCore;

  constructor(options: LambdaSimulationOptions) {
    const resolved = resolveSimulationOptions(options);
    this.#core = {
      options: resolved,
      mutants: resolved.mutants,
      functions: new Map(),
      timeline: new Timeline(),
      revisions: new RevisionIdSource(resolved.revisionSeed),
      ghosts: new Map(),
    };
  }

  /** The mutants switched on now. */
  get mutants(): ReadonlySet<MutantName> {
    return this.#core.mutants;
  }

  /** Switches exactly these mutants on (for the emulator's control endpoint); checks the names. */
  setMutants(mutants: Iterable<string>): void {
    this.#core.mutants = resolveMutants(mutants);
  }

  /** Drops every function and scheduled transition. RevisionIds keep counting: none comes back. */
  reset(): void {
    this.#core.functions.clear();
    this.#core.timeline.clear();
    this.#core.ghosts.clear();
  }

  /** Injects an environment event into one function; unknown functions are ignored. */
  inject(event: EventName, functionName: string): void {
    settle(this.#core);
    const record = this.#core.functions.get(functionName);
    switch (event) {
      case 'idle-reclaim':
        if (record !== undefined) reclaimIdle(this.#core, record);
        return;
      case 'image-deleted':
        if (record !== undefined) deleteImage(this.#core, record);
        return;
      case 'provisioning-failure':
        if (record !== undefined) record.provisioningFailureArmed = true;
        return;
      case 'update-failure':
        if (record !== undefined) record.updateFailureArmed = true;
        return;
      default:
        throw new HarnessError(
          'UNKNOWN_EVENT',
          `unknown environment event '${String(event)}'; use one of EVENT_NAMES in src/targets/Operation.ts`,
        );
    }
  }

  createFunction(req: CreateFunctionRequest): FunctionConfiguration {
    settle(this.#core);
    return createFunction(this.#core, req);
  }

  getFunction(name: string, qualifier?: string): GetFunctionResponse {
    settle(this.#core);
    const ghost = readGhost(this.#core, name, qualifier);
    if (ghost !== undefined) return structuredClone(ghost.function);
    const { record, version } = findQualified(this.#core, name, qualifier);
    if (version !== undefined) {
      return {
        Configuration: versionConfiguration(record, version),
        Code: codeLocation(record, version.deployment),
      };
    }
    const response: GetFunctionResponse = {
      Configuration: latestConfiguration(record),
      Code: codeLocation(record, record.staged ?? record.live),
    };
    if (Object.keys(record.tags).length > 0) response.Tags = { ...record.tags };
    return response;
  }

  getFunctionConfiguration(name: string, qualifier?: string): FunctionConfiguration {
    settle(this.#core);
    const ghost = readGhost(this.#core, name, qualifier);
    if (ghost !== undefined) return structuredClone(ghost.configuration);
    const { record, version } = findQualified(this.#core, name, qualifier);
    return version === undefined
      ? latestConfiguration(record)
      : versionConfiguration(record, version);
  }

  updateFunctionCode(name: string, req: UpdateFunctionCodeRequest): FunctionConfiguration {
    settle(this.#core);
    return updateFunctionCode(this.#core, findLatest(this.#core, name), req);
  }

  updateFunctionConfiguration(
    name: string,
    req: UpdateFunctionConfigurationRequest,
  ): FunctionConfiguration {
    settle(this.#core);
    return updateFunctionConfiguration(this.#core, findLatest(this.#core, name), req);
  }

  invoke(name: string, qualifier: string | undefined, payload: string): InvokeResponse {
    settle(this.#core);
    const ref = parseFunctionRef(name);
    const resolved = resolveQualifier(ref, qualifier);
    const record = this.#core.functions.get(ref.name);
    if (record === undefined) {
      const arn = arnOf(this.#core, ref.name);
      throw functionNotFound(resolved === undefined ? arn : `${arn}:${resolved}`);
    }
    return invokeFunction(this.#core, record, resolved, payload);
  }

  publishVersion(name: string, req: PublishVersionRequest): FunctionConfiguration {
    settle(this.#core);
    return publishVersion(this.#core, findLatest(this.#core, name), req);
  }

  listVersionsByFunction(name: string): { Versions: FunctionConfiguration[] } {
    settle(this.#core);
    const record = findLatest(this.#core, name);
    return {
      Versions: [
        latestConfiguration(record),
        ...record.versions.map((v) => versionConfiguration(record, v)),
      ],
    };
  }

  listFunctions(): { Functions: Partial<FunctionConfiguration>[] } {
    settle(this.#core);
    const keep = has(this.#core, 'list-carries-state')
      ? (['State', 'LastUpdateStatus'] as const)
      : [];
    const records = [...this.#core.functions.values()];
    return { Functions: records.map((r) => listedConfiguration(latestConfiguration(r), keep)) };
  }

  tagResource(arn: string, tags: Record<string, string>): void {
    settle(this.#core);
    const record = findTaggable(this.#core, arn);
    const refusal = refusalOf(this.#core, record, 'TagResource');
    if (refusal !== undefined) throw refusal.error;
    Object.assign(record.tags, tags);
  }

  /** Mirrors TagResource's refusals; the documents name only TagResource, UntagResource is alike. */
  untagResource(arn: string, keys: readonly string[]): void {
    settle(this.#core);
    const record = findTaggable(this.#core, arn);
    const refusal = refusalOf(this.#core, record, 'TagResource');
    if (refusal !== undefined) throw refusal.error;
    for (const key of keys) delete record.tags[key];
  }

  listTags(arn: string): { Tags: Record<string, string> } {
    settle(this.#core);
    return { Tags: { ...findTaggable(this.#core, arn).tags } };
  }

  deleteFunction(name: string, qualifier?: string): void {
    settle(this.#core);
    const { record, version } = findQualified(this.#core, name, qualifier);
    if (version !== undefined) {
      record.versions = record.versions.filter((v) => v !== version);
      return;
    }
    if (resolveQualifier(parseFunctionRef(name), qualifier) === '$LATEST') {
      throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
    }
    if (has(this.#core, 'deleted-still-found')) {
      this.#core.ghosts.set(record.name, {
        configuration: latestConfiguration(record),
        function: this.getFunction(record.name),
        remainingReads: 1,
      });
    }
    this.#core.functions.delete(record.name);
  }
}
