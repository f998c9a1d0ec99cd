import { ListFunctionsCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import { checkAnswer } from './checkAnswer.ts';
import type { CallOutcome, CallPolicy, LambdaCaller } from './LambdaCaller.ts';

// A guard against an endpoint that keeps answering the same NextMarker.
const MAX_PAGES = 10_000;

async function allPages<P>(
  label: string,
  caller: LambdaCaller,
  policy: CallPolicy,
  page: (marker: string | undefined, signal: AbortSignal) => Promise<P>,
  itemsOf: (page: P) => FunctionConfiguration[] | undefined,
  nextOf: (page: P) => string | undefined,
): Promise<CallOutcome<FunctionConfiguration[]>> {
  const items: FunctionConfiguration[] = [];
  let marker: string | undefined;
  for (let n = 1; n <= MAX_PAGES; n += 1) {
    const outcome = await caller.call(
      label,
      async (signal) => checkAnswer(label, await page(marker, signal)),
      policy,
    );
    if (outcome.kind !== 'ok') return outcome;
    items.push(...(itemsOf(outcome.value) ?? []));
    marker = nextOf(outcome.value);
    if (marker === undefined || marker === '') return { kind: 'ok', value: items };
  }
  return { kind: 'inconclusive', reason: `${label}: more than ${String(MAX_PAGES)} pages` };
}

/** ListFunctions, every page (`$LATEST` of each function, as the API lists by default). */
export function listAllFunctions(
  client: LambdaClient,
  caller: LambdaCaller,
  policy: CallPolicy,
): Promise<CallOutcome<FunctionConfiguration[]>> {
  return allPages(
    'ListFunctions',
    caller,
    policy,
    (Marker, abortSignal) =>
      client.send(new ListFunctionsCommand(Marker === undefined ? {} : { Marker }), {
        abortSignal,
      }),
    (page) => page.Functions,
    (page) => page.NextMarker,
  );
}

/** ListVersionsByFunction, every page. */
export function listAllVersions(
  client: LambdaClient,
  caller: LambdaCaller,
  policy: CallPolicy,
  functionName: string,
): Promise<CallOutcome<FunctionConfiguration[]>> {
  return allPages(
    'ListVersionsByFunction',
    caller,
    policy,
    (Marker, abortSignal) =>
      client.send(
        new ListVersionsByFunctionCommand({
          FunctionName: functionName,
          ...(Marker === undefined ? {} : { Marker }),
        }),
        { abortSignal },
      ),
    (page) => page.Versions,
    (page) => page.NextMarker,
  );
}
