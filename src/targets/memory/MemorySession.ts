import { HarnessError } from '../../errors/HarnessError.ts';
import type { Observation } from '../../lambda/Observation.ts';
import type { Operation } from '../../lambda/Operation.ts';
import type { EventName } from '../../lambda/catalogue.ts';
import type { InjectOutcome, SessionContext, TargetSession } from '../Target.ts';
import { applyOperation } from './applyOperation.ts';
import { afterTurn } from './eventLoopTurns.ts';
import { LambdaSimulation } from './LambdaSimulation.ts';
import type { MutantName } from './mutants.ts';
import { SessionBook } from '../SessionBook.ts';
import type { ImagePendingInvoke } from './SimulationOptions.ts';

/** How a memory session's simulation behaves: which mutants and which Image-Pending reading. */
export interface MemorySessionSettings {
  readonly mutants: readonly MutantName[];
  readonly imagePendingInvoke: ImagePendingInvoke;
}

const REGION = 'us-east-1';
const ACCOUNT_ID = '123456789012';

/**
 * One run against a fresh {@link LambdaSimulation} on a virtual clock that starts at 0 and moves
 * only through `advance`. Nothing is shared with other sessions, so runs, shrinks and replays are
 * independent.
 */
export class MemorySession implements TargetSession {
  readonly #simulation: LambdaSimulation;
  readonly #book: SessionBook;
  #time = 0;
  #closed = false;

  constructor(ctx: SessionContext, settings: MemorySessionSettings) {
    this.#simulation = new LambdaSimulation({
      clock: () => this.#time,
      timing: ctx.timing,
      mutants: settings.mutants,
      imagePendingInvoke: settings.imagePendingInvoke,
      region: REGION,
      accountId: ACCOUNT_ID,
      revisionSeed: `memory:${ctx.runId}`,
    });
    this.#book = new SessionBook({ runId: ctx.runId, region: REGION, accountId: ACCOUNT_ID });
  }

  apply(op: Operation): Promise<Observation> {
    // A HarnessError thrown by the mapping becomes a rejection.
    return afterTurn(() => {
      this.#assertOpen();
      return applyOperation(this.#simulation, op, this.#book, (ms) => {
        this.#time += ms;
      });
    });
  }

  advance(ms: number): Promise<void> {
    return afterTurn(() => {
      this.#assertOpen();
      if (!Number.isFinite(ms) || ms < 0) {
        throw new HarnessError(
          'INVALID_ADVANCE',
          `advance(${String(ms)}): give a finite number of milliseconds ≥ 0`,
        );
      }
      this.#time += ms;
    });
  }

  inject(event: EventName, fn: string): Promise<InjectOutcome> {
    return afterTurn((): InjectOutcome => {
      this.#assertOpen();
      this.#simulation.inject(event, this.#book.realName(fn));
      return { kind: 'applied' };
    });
  }

  now(): number {
    return this.#time;
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#simulation.reset();
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new HarnessError('SESSION_CLOSED', 'this memory session is closed; open a new one');
    }
  }
}
