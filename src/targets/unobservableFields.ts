import type { Capabilities } from './Target.ts';

/**
 * The observation fields a target cannot see, from what it declares: `ranCode` and `ranConfig`
 * when its invocations do not run the deployed handler (an echoing emulator). The monitor neither
 * checks nor compares them.
 */
export function unobservableFieldsOf(capabilities: Pick<Capabilities, 'observesCode'>): string[] {
  return capabilities.observesCode ? [] : ['ranCode', 'ranConfig'];
}
