import { MalformedAnswer } from './MalformedAnswer.ts';

type Loose = Partial<Record<string, unknown>>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statusOf(output: unknown): number {
  const status = isObject(output) && isObject(output['$metadata']) ? output['$metadata'] : {};
  return typeof status['httpStatusCode'] === 'number' ? status['httpStatusCode'] : 200;
}

function isConfiguration(value: unknown): boolean {
  return (
    isObject(value) &&
    (typeof value['FunctionName'] === 'string' || typeof value['FunctionArn'] === 'string')
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a successful answer to `operation`, or `undefined` when it is well formed. */
function problemOf(operation: string, output: unknown, observesCode: boolean): string | undefined {
  const body = isObject(output) ? output : {};
  switch (operation) {
    case 'CreateFunction':
    case 'GetFunctionConfiguration':
    case 'UpdateFunctionCode':
    case 'UpdateFunctionConfiguration':
    case 'PublishVersion':
      return isConfiguration(body) ? undefined : 'no function configuration in the body';
    case 'GetFunction':
      return isConfiguration(body['Configuration'])
        ? undefined
        : 'no Configuration of the function in the body';
    case 'ListFunctions':
      return Array.isArray(body['Functions']) ? undefined : 'no Functions list in the body';
    case 'ListVersionsByFunction':
      return Array.isArray(body['Versions']) ? undefined : 'no Versions list in the body';
    case 'CreateAlias':
    case 'GetAlias':
    case 'UpdateAlias':
      return typeof body['FunctionVersion'] === 'string'
        ? undefined
        : 'no alias configuration (FunctionVersion) in the body';
    case 'Invoke': {
      if (typeof body['StatusCode'] !== 'number') return 'no status code';
      // Only a RequestResponse invocation (200) answers the function's result; Event (202) and
      // DryRun (204) answer none.
      if (body['StatusCode'] !== 200) return undefined;
      // The conformance handler answers JSON; an error's payload is JSON too. A payload that is not
      // JSON was garbled on the way (an echoing emulator, which runs no handler, is not judged).
      const payload = typeof body['Payload'] === 'string' ? body['Payload'] : '';
      return observesCode && !isJson(payload) ? 'the payload is not JSON' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Checks that `output`, what the SDK made of a 2xx answer to `operation`, has the body the Lambda
 * API defines: a function configuration, a list, or an invocation result. The SDK reads an empty
 * body as an empty object, and Invoke's payload as bytes, so neither fails on its own. Throws
 * {@link MalformedAnswer} otherwise; returns `output` for chaining.
 */
export function checkAnswer<T>(operation: string, output: T, observesCode = true): T {
  const problem = problemOf(operation, output, observesCode);
  if (problem !== undefined) {
    const status = statusOf(output);
    throw new MalformedAnswer(status, `${operation} answered ${String(status)} with ${problem}`);
  }
  return output;
}
