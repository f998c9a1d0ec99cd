import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { EVENT_NAMES, type EventName } from '../lambda/catalogue.ts';
import type { TraceRun } from './readTrace.ts';

/** A recorded run as a replayable sequence. */
export interface TraceSequence {
  readonly commands: readonly HarnessCommand[];
  /** For each `op` line of the run, in order: the index of the command it belongs to. */
  readonly opCommand: readonly number[];
}

/**
 * Time between two recorded steps (ms) above which the gap is replayed as a `Wait`: `Settle`
 * polls are recorded as plain `GetFunction` lines after a pause, and a real-time target's own
 * latency between steps stays well below this.
 */
export const GAP_AS_WAIT_MS = 50;

function isEvent(name: string): name is EventName {
  return (EVENT_NAMES as readonly string[]).includes(name);
}

/**
 * Rebuilds the command sequence of a recorded run, to replay it on another target. Recorded
 * `Settle` polls become a `Wait` for the recorded pause plus a `GetFunction`; the `GetFunction` an
 * `Inject` makes by itself is folded back into the `Inject`.
 */
export function traceCommands(run: TraceRun): TraceSequence {
  const commands: HarnessCommand[] = [];
  const opCommand: number[] = [];
  let clock = 0;
  let injected: string | undefined;
  const catchUp = (at: number): void => {
    const gap = Math.round(at - clock);
    if (gap > GAP_AS_WAIT_MS) commands.push({ kind: 'wait', ms: gap });
  };
  for (const step of run.steps) {
    switch (step.type) {
      case 'wait':
        catchUp(step.at);
        commands.push({ kind: 'wait', ms: step.ms });
        clock = step.at + step.ms;
        injected = undefined;
        break;
      case 'inject':
        catchUp(step.at);
        if (isEvent(step.event)) {
          commands.push({ kind: 'inject', event: step.event, fn: step.fn });
          injected = step.fn;
        }
        clock = step.at;
        break;
      case 'op': {
        const looks =
          injected === step.fn &&
          step.operation === 'GetFunction' &&
          Object.keys(step.args).length === 0;
        injected = undefined;
        if (looks) {
          opCommand.push(commands.length - 1);
        } else {
          catchUp(step.at);
          commands.push({
            kind: 'op',
            op: { name: step.operation, fn: step.fn, args: step.args },
          });
          opCommand.push(commands.length - 1);
        }
        clock = step.end;
        break;
      }
    }
  }
  return { commands, opCommand };
}
