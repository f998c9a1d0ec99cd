import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors/HarnessError.ts';
import { loadScenario } from './loadScenario.ts';
import { parseScenario } from './parseScenario.ts';
import { loadSpec } from './loadSpec.ts';
import { edit, MINI_SPEC, specIssues } from './spec.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

async function failure(load: Promise<unknown>): Promise<InputError> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

function scenarioFailure(text: string): InputError {
  try {
    parseScenario(text, 's.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a ScenarioError');
}

const PROSE = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';

describe('input echoed in messages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('echoed-');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('cuts a huge one-line text file given as a spec or a scenario to a short excerpt', async () => {
    const file = join(dir, 'prose.txt');
    const text = PROSE.repeat(10_000);
    await writeFile(file, text);
    for (const error of [await failure(loadSpec(file)), await failure(loadScenario(file))]) {
      expect(error.message).not.toContain('\n');
      expect(error.message.length).toBeLessThan(300);
      expect(error.message).toContain(`found the string 'Lorem ipsum dolor sit amet`);
      expect(error.message).toContain(`… (${text.trimEnd().length} characters)'`);
    }
  });

  it('refuses a 5 MB text file given as a spec in one short located line', async () => {
    const file = join(dir, 'huge.txt');
    await writeFile(file, `${PROSE}\n`.repeat(90_000));
    const error = await failure(loadSpec(file));
    expect(error.issues).toEqual([expect.objectContaining({ code: 'yaml-limit', line: 1 })]);
    expect(error.message).toMatch(/^\S*huge\.txt:1:1: YAML: the file has \d+ characters/);
    expect(error.message.length).toBeLessThan(200);
  });

  it('escapes invisible characters in echoed keys and values', () => {
    const key = scenarioFailure('name: s\nspec: x.yaml\ntarget: { name: memory }\nru\u200Bns: 3\n');
    expect(key.message).toBe(
      "s.yaml:4:1: scenario: unknown key 'ru\\u200Bns'. Did you mean 'runs'?",
    );
    const value = specIssues(edit(MINI_SPEC, ['initial: Absent', 'initial: "Act\\tive\\u202E"']));
    expect(value.map((i) => i.message)).toContainEqual(
      "field 'state': initial value 'Act\\tive\\u202E' is not one of its values.",
    );
  });
});
