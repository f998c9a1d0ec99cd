import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListTagsCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type {
  CreateFunctionCommandInput,
  FunctionCode,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';
import { isWaiterName, OPERATION_NAMES, operationFacts } from '../../lambda/catalogue.ts';
import type { Operation, PackageType } from '../../lambda/Operation.ts';
import { buildHandlerZip, HANDLER_SETTING } from '../handler/buildHandlerZip.ts';
import {
  ALIAS_NAME,
  aliasTargetArg,
  configEnvironment,
  invocationTypeArg,
  numberArg,
  packageTypeArg,
  publishArg,
  qualifierArg,
  revisionArg,
  TAG_KEY,
  waiterQualifier,
} from '../operationArgs.ts';
import type { SessionBook } from '../SessionBook.ts';
import { checkAnswer } from './checkAnswer.ts';
import type { CallOutcome, CallPolicy, LambdaCaller } from './LambdaCaller.ts';
import { listAllFunctions, listAllVersions } from './listAll.ts';
import { runTags } from './runLabels.ts';
import { runSdkWaiter } from './runSdkWaiter.ts';

/** What mapping one operation needs from its session. */
export interface OperationContext {
  readonly client: LambdaClient;
  readonly caller: LambdaCaller;
  /** Package types, observed RevisionIds (for `stale`) and tag values, kept as by the memory target. */
  readonly book: SessionBook;
  readonly runId: string;
  readonly role: string;
  /** The `Runtime` of the Zip functions created (a Node.js runtime: the handler is async-only). */
  readonly runtime: string;
  readonly imageUris: readonly string[];
  readonly signal: AbortSignal | undefined;
  /** An SDK waiter's shorter budget, in ms (see `ApplyOptions.waitMs`); its own when undefined. */
  readonly waitMs?: number;
  /** Whether invocations run the conformance handler, whose payload is then JSON. */
  readonly observesCode: boolean;
  /**
   * The unqualified ARN of function `name` (the tagging calls address a function by ARN, as AWS
   * requires: a bare name is a 400 `ValidationException`), also before it exists.
   */
  functionArn(name: string): Promise<string>;
}

function codeInput(ctx: OperationContext, packageType: PackageType, code: number): FunctionCode {
  if (packageType === 'Zip') return { ZipFile: buildHandlerZip(code) };
  const uri = ctx.imageUris[code - 1];
  if (uri === undefined) {
    throw new HarnessError(
      'IMAGE_URI_MISSING',
      `code revision ${String(code)} of an Image function has no image URI; give target.imageUris with at least ${String(code)} entries`,
    );
  }
  return { ImageUri: uri };
}

/**
 * The runtime as the SDK types it. The SDK's list is only as new as the SDK: a runtime AWS added
 * since (checked as a Node.js runtime identifier when options are resolved) is sent as written.
 */
function runtimeOf(ctx: OperationContext): CreateFunctionCommandInput['Runtime'] {
  return ctx.runtime as CreateFunctionCommandInput['Runtime'];
}

const decoder = new TextDecoder();
const EMPTY_EVENT = new TextEncoder().encode('{}');

/**
 * Sends operation `op` on real function `name` through the caller, mapped exactly like the memory
 * target maps it (src/targets/memory/applyOperation.ts), and returns the SDK output in the
 * service's member names (Invoke's payload decoded to text) for `observeResponse`. Only a
 * well-formed answer comes back `ok` or `error`; anything else is `inconclusive` (see
 * `classifyFailure` and `checkAnswer`).
 */
export async function sendOperation(
  ctx: OperationContext,
  op: Operation,
  name: string,
): Promise<CallOutcome<unknown>> {
  const { client, caller, book } = ctx;
  if (isWaiterName(op.name)) {
    return runSdkWaiter(client, op.name, name, ctx.signal, ctx.waitMs, waiterQualifier(op, book));
  }
  // Only reads are retried after 5xx and network failures: a retried write may apply twice.
  const idempotent = operationFacts(op.name)?.access === 'read';
  const policy: CallPolicy = { idempotent, signal: ctx.signal };
  // A 2xx answer whose body is not the API's is thrown here, so the caller classifies and retries
  // it like any other unreadable answer.
  const call = <T>(send: (abortSignal: AbortSignal) => Promise<T>): Promise<CallOutcome<unknown>> =>
    caller.call(
      op.name,
      async (abortSignal) => checkAnswer(op.name, await send(abortSignal), ctx.observesCode),
      policy,
    );
  switch (op.name) {
    case 'CreateFunction': {
      const packageType = packageTypeArg(op);
      const input: CreateFunctionCommandInput = {
        FunctionName: name,
        Role: ctx.role,
        PackageType: packageType,
        Code: codeInput(ctx, packageType, numberArg(op, 'code')),
        Environment: configEnvironment(op),
        ...publishArg(op),
        Tags: runTags(ctx.runId, new Date()),
        ...(packageType === 'Zip' ? { Runtime: runtimeOf(ctx), Handler: HANDLER_SETTING } : {}),
      };
      const outcome = await call((abortSignal) =>
        client.send(new CreateFunctionCommand(input), { abortSignal }),
      );
      // A refused create (the name exists) says nothing about the existing function's package
      // type; an accepted or unknown one does.
      if (outcome.kind !== 'error') book.rememberPackageType(op.fn, packageType);
      return outcome;
    }
    case 'UpdateFunctionCode': {
      const input = {
        FunctionName: name,
        ...codeInput(ctx, book.packageTypeOf(op.fn), numberArg(op, 'code')),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
        ...publishArg(op),
      };
      return call((abortSignal) =>
        client.send(new UpdateFunctionCodeCommand(input), { abortSignal }),
      );
    }
    case 'UpdateFunctionConfiguration': {
      const input = {
        FunctionName: name,
        Environment: configEnvironment(op),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
      };
      return call((abortSignal) =>
        client.send(new UpdateFunctionConfigurationCommand(input), { abortSignal }),
      );
    }
    case 'PublishVersion': {
      const input = { FunctionName: name, ...revisionArg(op, (fn) => book.staleRevision(fn)) };
      return call((abortSignal) => client.send(new PublishVersionCommand(input), { abortSignal }));
    }
    case 'Invoke': {
      const InvocationType = invocationTypeArg(op);
      const qualifier = qualifierArg(op, (fn) => book.latestVersion(fn));
      return call(async (abortSignal) => {
        const out = await client.send(
          new InvokeCommand({
            FunctionName: name,
            Payload: EMPTY_EVENT,
            InvocationType,
            ...qualifier,
          }),
          { abortSignal },
        );
        return {
          StatusCode: out.StatusCode,
          ExecutedVersion: out.ExecutedVersion,
          FunctionError: out.FunctionError,
          // Event and DryRun answers have no body: the SDK gives null there, not bytes.
          Payload: out.Payload instanceof Uint8Array ? decoder.decode(out.Payload) : '',
        };
      });
    }
    case 'GetFunction': {
      const input = { FunctionName: name, ...qualifierArg(op, (fn) => book.latestVersion(fn)) };
      return call((abortSignal) => client.send(new GetFunctionCommand(input), { abortSignal }));
    }
    case 'GetFunctionConfiguration': {
      const input = { FunctionName: name, ...qualifierArg(op, (fn) => book.latestVersion(fn)) };
      return call((abortSignal) =>
        client.send(new GetFunctionConfigurationCommand(input), { abortSignal }),
      );
    }
    case 'ListVersionsByFunction':
      return listAllVersions(client, caller, policy, name).then((o) =>
        o.kind === 'ok' ? { kind: 'ok', value: { Versions: o.value } } : o,
      );
    case 'ListFunctions':
      return listAllFunctions(client, caller, policy).then((o) =>
        o.kind === 'ok' ? { kind: 'ok', value: { Functions: o.value } } : o,
      );
    case 'TagResource': {
      const Resource = await ctx.functionArn(name);
      const Tags = { [TAG_KEY]: book.nextTag() };
      return call((abortSignal) =>
        client.send(new TagResourceCommand({ Resource, Tags }), { abortSignal }),
      );
    }
    case 'UntagResource': {
      const Resource = await ctx.functionArn(name);
      return call((abortSignal) =>
        client.send(new UntagResourceCommand({ Resource, TagKeys: [TAG_KEY] }), { abortSignal }),
      );
    }
    case 'ListTags': {
      const Resource = await ctx.functionArn(name);
      return call((abortSignal) => client.send(new ListTagsCommand({ Resource }), { abortSignal }));
    }
    case 'DeleteFunction': {
      const input = { FunctionName: name, ...qualifierArg(op, (fn) => book.latestVersion(fn)) };
      return call((abortSignal) => client.send(new DeleteFunctionCommand(input), { abortSignal }));
    }
    case 'CreateAlias': {
      const input = {
        FunctionName: name,
        Name: ALIAS_NAME,
        FunctionVersion: aliasTargetArg(op, (fn) => book.latestVersion(fn)),
      };
      return call((abortSignal) => client.send(new CreateAliasCommand(input), { abortSignal }));
    }
    case 'GetAlias': {
      const input = { FunctionName: name, Name: ALIAS_NAME };
      return call((abortSignal) => client.send(new GetAliasCommand(input), { abortSignal }));
    }
    case 'UpdateAlias': {
      const input = {
        FunctionName: name,
        Name: ALIAS_NAME,
        FunctionVersion: aliasTargetArg(op, (fn) => book.latestVersion(fn)),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
      };
      return call((abortSignal) => client.send(new UpdateAliasCommand(input), { abortSignal }));
    }
    case 'DeleteAlias': {
      const input = { FunctionName: name, Name: ALIAS_NAME };
      return call((abortSignal) => client.send(new DeleteAliasCommand(input), { abortSignal }));
    }
    default:
      throw new HarnessError(
        'UNKNOWN_OPERATION',
        `unknown operation '${op.name}'; a target maps only ${OPERATION_NAMES.join(', ')}`,
      );
  }
}
