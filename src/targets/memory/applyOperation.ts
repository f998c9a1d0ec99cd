import { HarnessError } from '../../errors/HarnessError.ts';
import { isWaiterName, latestRevisionId, OPERATION_NAMES } from '../../lambda/catalogue.ts';
import { buildHandlerZip, HANDLER_RUNTIME, HANDLER_SETTING } from '../handler/buildHandlerZip.ts';
import { imageUriFor } from '../handler/imageUri.ts';
import { LambdaApiError } from '../../lambda/LambdaApi.ts';
import type { FunctionCodeInput, LambdaApi } from '../../lambda/LambdaApi.ts';
import type { Observation } from '../../lambda/Observation.ts';
import type { Operation, PackageType } from '../../lambda/Operation.ts';
import { CONFORMANCE_ROLE } from '../conformanceRole.ts';
import { observeResponse } from '../observeResponse.ts';
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
import { runWaiter } from './runWaiter.ts';

/** Moves the caller's clock forward by `ms` (a waiter's delay between two polls). */
export type Wait = (ms: number) => void;

function codeInput(packageType: PackageType, code: number, book: SessionBook): FunctionCodeInput {
  if (packageType === 'Zip') return { ZipFile: buildHandlerZip(code) };
  const repo = book.options.imageRepository;
  return { ImageUri: repo === undefined ? imageUriFor(code) : imageUriFor(code, repo) };
}

function qualifierOf(op: Operation, book: SessionBook): string | undefined {
  return qualifierArg(op, (fn) => book.latestVersion(fn)).Qualifier;
}

function call(api: LambdaApi, op: Operation, book: SessionBook, wait?: Wait): unknown {
  const name = book.realName(op.fn);
  if (isWaiterName(op.name)) {
    if (wait === undefined) {
      throw new HarnessError(
        'UNKNOWN_OPERATION',
        `${op.name} needs a clock to wait on; this caller of applyOperation gives none`,
      );
    }
    return runWaiter(api, op.name, name, wait, waiterQualifier(op, book));
  }
  switch (op.name) {
    case 'CreateFunction': {
      const packageType = packageTypeArg(op);
      const response = api.createFunction({
        FunctionName: name,
        Role: CONFORMANCE_ROLE,
        PackageType: packageType,
        Code: codeInput(packageType, numberArg(op, 'code'), book),
        Environment: configEnvironment(op),
        ...publishArg(op),
        ...(packageType === 'Zip' ? { Runtime: HANDLER_RUNTIME, Handler: HANDLER_SETTING } : {}),
      });
      book.rememberPackageType(op.fn, packageType);
      return response;
    }
    case 'UpdateFunctionCode':
      return api.updateFunctionCode(name, {
        ...codeInput(book.packageTypeOf(op.fn), numberArg(op, 'code'), book),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
        ...publishArg(op),
      });
    case 'UpdateFunctionConfiguration':
      return api.updateFunctionConfiguration(name, {
        Environment: configEnvironment(op),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
      });
    case 'PublishVersion':
      return api.publishVersion(
        name,
        revisionArg(op, (fn) => book.staleRevision(fn)),
      );
    case 'Invoke':
      return api.invoke(name, qualifierOf(op, book), '{}', invocationTypeArg(op));
    case 'GetFunction':
      return api.getFunction(name, qualifierOf(op, book));
    case 'GetFunctionConfiguration':
      return api.getFunctionConfiguration(name, qualifierOf(op, book));
    case 'ListVersionsByFunction':
      return api.listVersionsByFunction(name);
    case 'ListFunctions':
      return api.listFunctions();
    case 'TagResource':
      return api.tagResource(book.arnOf(op.fn), { [TAG_KEY]: book.nextTag() });
    case 'UntagResource':
      return api.untagResource(book.arnOf(op.fn), [TAG_KEY]);
    case 'ListTags':
      return api.listTags(book.arnOf(op.fn));
    case 'DeleteFunction':
      return api.deleteFunction(name, qualifierOf(op, book));
    case 'CreateAlias':
      return api.createAlias(name, {
        Name: ALIAS_NAME,
        FunctionVersion: aliasTargetArg(op, (fn) => book.latestVersion(fn)),
      });
    case 'GetAlias':
      return api.getAlias(name, ALIAS_NAME);
    case 'UpdateAlias':
      return api.updateAlias(name, ALIAS_NAME, {
        FunctionVersion: aliasTargetArg(op, (fn) => book.latestVersion(fn)),
        ...revisionArg(op, (fn) => book.staleRevision(fn)),
      });
    case 'DeleteAlias':
      return api.deleteAlias(name, ALIAS_NAME);
    default:
      throw new HarnessError(
        'UNKNOWN_OPERATION',
        `unknown operation '${op.name}'; a target maps only ${OPERATION_NAMES.join(', ')}`,
      );
  }
}

/**
 * Maps one abstract operation to calls on any {@link LambdaApi} (the memory simulation, an
 * emulator client) and observes the answer: `ok` with `observeResponse`'s fields, or `error` for a
 * {@link LambdaApiError}. Any other exception is a bug and propagates, as does an unknown
 * operation or bad arguments (HarnessError). A `Wait*` operation runs its waiter against `api`,
 * moving time with `wait`.
 */
export function applyOperation(
  api: LambdaApi,
  op: Operation,
  book: SessionBook,
  wait?: Wait,
): Observation {
  let response: unknown;
  try {
    response = call(api, op, book, wait);
  } catch (error) {
    if (!(error instanceof LambdaApiError)) throw error;
    return { kind: 'error', type: error.type, status: error.status, message: error.message };
  }
  const revisionId = latestRevisionId(op.name, response, op.args);
  if (revisionId !== undefined) book.observeRevision(op.fn, revisionId);
  book.observeVersion(op, response);
  return { kind: 'ok', fields: observeResponse(op.name, response, book.realName(op.fn), op.args) };
}
