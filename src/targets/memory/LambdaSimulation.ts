import { HarnessError } from '../../errors/HarnessError.ts';
import type {
  AliasConfiguration,
  CreateAliasRequest,
  CreateFunctionRequest,
  FunctionConfiguration,
  GetFunctionResponse,
  InvocationType,
  InvokeResponse,
  LambdaApi,
  PublishVersionRequest,
  UpdateAliasRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../../lambda/LambdaApi.ts';
import type { EventName } from '../../lambda/catalogue.ts';
import { aliasesOf, createAlias, deleteAlias, getAlias, updateAlias } from './aliases.ts';
import { createFunction } from './createFunction.ts';
import {
  arnOf,
  findLatest,
  findQualified,
  findTaggable,
  isVersionQualifier,
  readGhost,
  resolveAlias,
} from './findFunction.ts';
import { parseFunctionRef, resolveQualifier } from './functionRef.ts';
import { refusalOf } from './guards.ts';
import { invokeFunction } from './invokeFunction.ts';
import { functionNotFound, invalidParameter, versionAliased } from './lambdaErrors.ts';
import type { MutantName } from './mutants.ts';
import { publishVersion } from './publishVersion.ts';
import {
  codeLocation,
  dropRevisionIds,
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
import { deleteImage, reclaimIdle, renewRevision, settle } from './transitions.ts';
import { updateFunctionCode, updateFunctionConfiguration } from './updateFunction.ts';

/**
 * A hand-written simulation of the Lambda control plane, built from the documents (the pages in
 * spec/sources/ and lambda-facts.md) and from real AWS answers recorded in LocalStack's
 * AWS-validated snapshots, never from the harness's spec: the spec is checked against it.
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
          `unknown environment event '${String(event)}'; use one of EVENT_NAMES in src/lambda/catalogue.ts`,
        );
    }
  }

  /** An answer as the switched-on mutants give it (`no-revision-id`: without any RevisionId). */
  #answer<T>(answer: T): T {
    if (has(this.#core, 'no-revision-id')) dropRevisionIds(answer);
    return answer;
  }

  /** Pending (`Creating`) now; Active or, with an armed provisioning failure, Failed later. */
  createFunction(req: CreateFunctionRequest): FunctionConfiguration {
    settle(this.#core);
    return this.#answer(createFunction(this.#core, req));
  }

  /** Works in every state; `Code` and `Tags` as GetFunction answers them. */
  getFunction(name: string, qualifier?: string): GetFunctionResponse {
    settle(this.#core);
    const ghost = readGhost(this.#core, name, qualifier);
    if (ghost !== undefined) return this.#answer(structuredClone(ghost.function));
    const { record, version } = findQualified(this.#core, name, qualifier);
    if (version !== undefined) {
      return this.#answer({
        Configuration: versionConfiguration(record, version),
        Code: codeLocation(record, version.deployment),
      });
    }
    const response: GetFunctionResponse = {
      Configuration: latestConfiguration(record),
      Code: codeLocation(record, record.staged ?? record.live),
    };
    if (Object.keys(record.tags).length > 0) response.Tags = { ...record.tags };
    return this.#answer(response);
  }

  /** Works in every state; $LATEST shows a staged update's code and configuration. */
  getFunctionConfiguration(name: string, qualifier?: string): FunctionConfiguration {
    settle(this.#core);
    const ghost = readGhost(this.#core, name, qualifier);
    if (ghost !== undefined) return this.#answer(structuredClone(ghost.configuration));
    const { record, version } = findQualified(this.#core, name, qualifier);
    return this.#answer(
      version === undefined ? latestConfiguration(record) : versionConfiguration(record, version),
    );
  }

  /** Stages new code: InProgress, then live after `updateMs` (see `updateFunction.ts`). */
  updateFunctionCode(name: string, req: UpdateFunctionCodeRequest): FunctionConfiguration {
    settle(this.#core);
    return this.#answer(updateFunctionCode(this.#core, findLatest(this.#core, name), req));
  }

  /** Stages a new configuration, with the same rules as `updateFunctionCode`. */
  updateFunctionConfiguration(
    name: string,
    req: UpdateFunctionConfigurationRequest,
  ): FunctionConfiguration {
    settle(this.#core);
    return this.#answer(updateFunctionConfiguration(this.#core, findLatest(this.#core, name), req));
  }

  /** Runs the live code when the state allows it (see `invokeFunction.ts`). */
  invoke(
    name: string,
    qualifier: string | undefined,
    payload: string,
    invocationType: InvocationType = 'RequestResponse',
  ): InvokeResponse {
    settle(this.#core);
    const ref = parseFunctionRef(name);
    const resolved = resolveQualifier(ref, qualifier);
    const record = this.#core.functions.get(ref.name);
    if (record === undefined) {
      // A naive emulator that runs whatever it is asked to: nothing ran, so nothing is answered.
      if (has(this.#core, 'invoke-missing-answers-200')) {
        return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: 'null' };
      }
      const arn = arnOf(this.#core, ref.name);
      throw functionNotFound(resolved === undefined ? arn : `${arn}:${resolved}`);
    }
    // An alias runs the version it points at, which ExecutedVersion names.
    const target = resolveAlias(record, resolved);
    return invokeFunction(this.#core, record, target, payload, invocationType);
  }

  /** Publishes version N+1, or answers the latest version when nothing changed. */
  publishVersion(name: string, req: PublishVersionRequest): FunctionConfiguration {
    settle(this.#core);
    return this.#answer(publishVersion(this.#core, findLatest(this.#core, name), req));
  }

  /** `$LATEST` and every published version. */
  listVersionsByFunction(name: string): { Versions: FunctionConfiguration[] } {
    settle(this.#core);
    const record = findLatest(this.#core, name);
    return this.#answer({
      Versions: [
        latestConfiguration(record),
        ...record.versions.map((v) => versionConfiguration(record, v)),
      ],
    });
  }

  /** Every function's $LATEST configuration without its state members. */
  listFunctions(): { Functions: Partial<FunctionConfiguration>[] } {
    settle(this.#core);
    const keep = has(this.#core, 'list-carries-state')
      ? (['State', 'LastUpdateStatus'] as const)
      : [];
    const records = [...this.#core.functions.values()];
    return this.#answer({
      Functions: records.map((r) => listedConfiguration(latestConfiguration(r), keep)),
    });
  }

  /**
   * Refused while Pending or while an update is InProgress; otherwise gives $LATEST a new RevisionId
   * (real AWS recorded: RevisionId <uuid:1> → <uuid:2> → <uuid:3> with each TagResource,
   * localstack test_lambda_api TestLambdaTags::test_tag_lifecycle, 25-11-2025).
   */
  tagResource(arn: string, tags: Record<string, string>): void {
    settle(this.#core);
    const record = findTaggable(this.#core, arn);
    const refusal = refusalOf(this.#core, record, 'TagResource');
    if (refusal !== undefined) throw refusal.error;
    Object.assign(record.tags, tags);
    if (!has(this.#core, 'tag-keeps-revision')) renewRevision(this.#core, record);
  }

  /**
   * Mirrors TagResource's refusals (the documents name only TagResource, UntagResource is alike) and
   * its new RevisionId (recorded for UntagResource too, in the same test).
   */
  untagResource(arn: string, keys: readonly string[]): void {
    settle(this.#core);
    const record = findTaggable(this.#core, arn);
    const refusal = refusalOf(this.#core, record, 'TagResource');
    if (refusal !== undefined) throw refusal.error;
    for (const key of keys) delete record.tags[key];
    if (!has(this.#core, 'tag-keeps-revision') && !has(this.#core, 'untag-keeps-revision')) {
      renewRevision(this.#core, record);
    }
  }

  /** The function's tags, in every state. */
  listTags(arn: string): { Tags: Record<string, string> } {
    settle(this.#core);
    return { Tags: { ...findTaggable(this.#core, arn).tags } };
  }

  /**
   * Deletes the function with its versions and aliases at once, in every state; or one version,
   * unless an alias references it ("You can't delete a version that an alias references."). The
   * Qualifier names a version ("Specify a version to delete."): an alias name is a 400.
   */
  deleteFunction(name: string, qualifier?: string): void {
    settle(this.#core);
    const named = resolveQualifier(parseFunctionRef(name), qualifier);
    if (named !== undefined && !isVersionQualifier(named)) {
      throw invalidParameter(
        `Qualifier ${named} is not a version: DeleteFunction deletes versions.`,
      );
    }
    const { record, version } = findQualified(this.#core, name, qualifier);
    if (version !== undefined) {
      const referencing = aliasesOf(record, version.version);
      if (referencing.length > 0 && !has(this.#core, 'delete-aliased-version')) {
        throw versionAliased(referencing);
      }
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

  /** A new alias of `$LATEST` or a version, in every state of the function. */
  createAlias(name: string, req: CreateAliasRequest): AliasConfiguration {
    settle(this.#core);
    return createAlias(this.#core, findLatest(this.#core, name), req);
  }

  /** The alias `alias` of the function. */
  getAlias(name: string, alias: string): AliasConfiguration {
    settle(this.#core);
    return getAlias(findLatest(this.#core, name), alias);
  }

  /** Points alias `alias` elsewhere (checking its RevisionId when given). */
  updateAlias(name: string, alias: string, req: UpdateAliasRequest): AliasConfiguration {
    settle(this.#core);
    return updateAlias(this.#core, findLatest(this.#core, name), alias, req);
  }

  /** Removes alias `alias`; a missing one is no error. */
  deleteAlias(name: string, alias: string): void {
    settle(this.#core);
    deleteAlias(findLatest(this.#core, name), alias);
  }
}
