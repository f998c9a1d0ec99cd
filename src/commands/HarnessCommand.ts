import { formatOperation, type Operation } from '../lambda/Operation.ts';
import type { EventName } from '../lambda/catalogue.ts';

/**
 * One step of a generated sequence: a spec operation, or a harness command that moves time or the
 * environment. Plain data, so a sequence can be saved, replayed and compared.
 */
export type HarnessCommand =
  | { readonly kind: 'op'; readonly op: Operation }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'settle' }
  | { readonly kind: 'inject'; readonly event: EventName; readonly fn: string };

/** Stable replay text: `Invoke(fn0)`, `Wait(30000)`, `Settle()`, `Inject(idle-reclaim, fn0)`. */
export function formatCommand(cmd: HarnessCommand): string {
  switch (cmd.kind) {
    case 'op':
      return formatOperation(cmd.op);
    case 'wait':
      return `Wait(${cmd.ms})`;
    case 'settle':
      return 'Settle()';
    case 'inject':
      return `Inject(${cmd.event}, ${cmd.fn})`;
  }
}
