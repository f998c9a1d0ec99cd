import { HarnessError } from '../errors/HarnessError.ts';
import { EVENT_NAMES, isEventName, type EventName } from '../lambda/catalogue.ts';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import type { LambdaSimulation } from '../targets/memory/LambdaSimulation.ts';
import { FAULTS } from './FaultQueue.ts';
import type { FaultCounts, FaultQueue } from './FaultQueue.ts';
import { jsonReply } from './Reply.ts';
import { RequestBody } from './RequestBody.ts';
import type { Route } from './Route.ts';

/** What the control routes act on. */
export interface ControlContext {
  readonly simulation: LambdaSimulation;
  readonly faults: FaultQueue;
}

/** The path prefix of the control API; such requests never reach the Lambda routes. */
export const CONTROL_PREFIX = '/_conformance/';

function badRequest(message: string): LambdaApiError {
  return new LambdaApiError('InvalidParameterValueException', 400, message);
}

function state(context: ControlContext): object {
  return { mutants: [...context.simulation.mutants], faults: context.faults.pending() };
}

function faultCounts(body: RequestBody): Partial<Record<keyof FaultCounts, number>> {
  const counts: Partial<Record<keyof FaultCounts, number>> = {};
  for (const fault of FAULTS) {
    const n = body.number(fault);
    if (n === undefined) continue;
    if (!Number.isSafeInteger(n) || n < 0) {
      throw badRequest(`faults.${fault} is ${String(n)}; give a whole number of requests ≥ 0`);
    }
    counts[fault] = n;
  }
  return counts;
}

/** The request that injects one environment event through an emulator's control API. */
export interface ControlEventRequest {
  readonly method: 'POST';
  readonly url: string;
  /** `{functionName}` is filled in by the aws target for the function the event is for. */
  readonly body: { readonly event: EventName; readonly functionName: '{functionName}' };
}

/**
 * The event mapping of the aws target for the built-in emulator at `url`: every event is one
 * `POST /_conformance/events` naming the event and the function.
 */
export function controlEventRequests(url: string): Record<EventName, ControlEventRequest> {
  return Object.fromEntries(
    EVENT_NAMES.map((event) => [
      event,
      {
        method: 'POST',
        url: `${url}/_conformance/events`,
        body: { event, functionName: '{functionName}' },
      },
    ]),
  ) as Record<EventName, ControlEventRequest>;
}

/**
 * The emulator's control API (JSON), for harnesses and CI:
 * - `GET /_conformance/health` → `{status: "ok", mutants, faults}`
 * - `POST /_conformance/events` `{event, functionName}` injects an environment event
 * - `PUT /_conformance/mutants` `{mutants: [...]}` switches exactly these mutants on (unknown → 400)
 * - `POST /_conformance/reset` drops every function and queued fault
 * - `POST /_conformance/faults` `{throttle?, serverError?, hang?}` queues infrastructure faults
 */
export const CONTROL_ROUTES: readonly Route<ControlContext>[] = [
  {
    method: 'GET',
    pattern: '/_conformance/health',
    name: 'Health',
    handle: (_req, context) => jsonReply(200, { status: 'ok', ...state(context) }),
  },
  {
    method: 'POST',
    pattern: '/_conformance/events',
    name: 'InjectEvent',
    handle: (req, context) => {
      const body = RequestBody.parse(req.body, req.route);
      const event = body.requiredString('event');
      const functionName = body.requiredString('functionName');
      if (!isEventName(event)) {
        throw badRequest(`unknown event '${event}'; use one of ${EVENT_NAMES.join(', ')}`);
      }
      context.simulation.inject(event, functionName);
      return jsonReply(200, { event, functionName });
    },
  },
  {
    method: 'PUT',
    pattern: '/_conformance/mutants',
    name: 'SetMutants',
    handle: (req, context) => {
      const mutants = RequestBody.parse(req.body, req.route).stringArray('mutants');
      if (mutants === undefined) throw badRequest('body must be {"mutants": ["name", ...]}');
      try {
        context.simulation.setMutants(mutants);
      } catch (error) {
        if (error instanceof HarnessError) throw badRequest(error.message);
        throw error;
      }
      return jsonReply(200, state(context));
    },
  },
  {
    method: 'POST',
    pattern: '/_conformance/reset',
    name: 'Reset',
    handle: (_req, context) => {
      context.simulation.reset();
      context.faults.clear();
      return jsonReply(200, state(context));
    },
  },
  {
    method: 'POST',
    pattern: '/_conformance/faults',
    name: 'QueueFaults',
    handle: (req, context) => {
      context.faults.add(faultCounts(RequestBody.parse(req.body, req.route)));
      return jsonReply(200, state(context));
    },
  },
];
