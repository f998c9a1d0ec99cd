/**
 * The stable codes of the issues `parseSpec`, `lintSpec` and `parseScenario` report. Tests, editors
 * and CI match on the code; the message may be reworded. spec/README.md lists them for users.
 */
export const ISSUE_CODES = {
  'yaml-syntax': 'The text is not valid YAML (or uses an alias that refers to itself).',
  'yaml-limit':
    'The YAML is beyond what is read: over 2,000,000 characters, 10,000 aliases or 200,000 nodes.',
  'wrong-type': 'A value has the wrong type: a list where a mapping belongs, a string for a count…',
  'missing-key': 'A required key is missing.',
  'unknown-key': 'A key the format does not define (usually a typo: the hint suggests the key).',
  'bad-value': 'A value of the right type outside what is allowed (version, status, min > max…).',
  'inapplicable-key':
    'A scenario key its target never reads (an aws key under a memory target, mutants for a real endpoint).',
  'bad-id': 'A rule or transition id that is not kebab-case.',
  'bad-regex': 'A `message` that is not a valid `/regex/`.',
  'bad-duration': 'A duration that is not a number followed by ms, s, m or h.',
  'duplicate-id': 'Two rules or transitions share an id (ids are unique across the whole spec).',
  'duplicate-value': 'A list of names or values names one twice.',
  'missing-field': 'The required enum field `state` or `lastUpdateStatus` is not declared.',
  'reserved-name': 'A field uses a reserved name (`revisionId`, `reading`, `input.…`).',
  'unknown-field': 'A guard, effect or reference names a field that is not declared.',
  'unknown-value': 'A value that is not one of an enum field’s or input’s values.',
  'unknown-input': 'An input that is not declared under `inputs`.',
  'undeclared-input': 'An input the rule’s operation does not list in its `inputs`.',
  'unknown-operation': 'An operation that is not one of the operations every target maps.',
  'unknown-event': 'A transition `event` that is not declared under `events`.',
  'unknown-reading': 'A reading (in a guard or `readings.default`) that is not declared.',
  'unknown-source': 'A citation names a source that is not declared under `sources`.',
  'unknown-observation-field': 'An `observe` key outside the observation vocabulary.',
  'incompatible-ref':
    'A reference copies values a field cannot hold (types or enum values differ).',
  'missing-cite': 'A rule or transition without a citation.',
  'missing-quote': 'A citation without a quote.',
  'bad-trigger': 'A transition needs exactly one of `async` and `event`.',
  'observe-without-ok': 'A rule observes fields but none of its outcomes is `ok`.',
  'shadowed-rule': 'Every case the rule matches is already decided by an earlier rule.',
  'unreachable-state':
    'A value of `state` that no effect or transition sets and that is not initial.',
  'async-cycle': 'Async transitions that can fire forever without changing the enum fields.',
  'uncovered-combination':
    'A reachable combination for which no rule of the operation certainly matches.',
  'quote-not-found': 'lint: a quote that does not occur verbatim in its source’s local copy.',
  'source-file-missing': 'lint: a source `file` that cannot be read.',
  'unsupported-event': 'lint: a declared event that no target can inject.',
  'missing-evidence':
    'lint: a rule, transition or time bound without `evidence` (documented, recorded or inferred).',
  'unsupported-evidence':
    'lint: `documented` without a quoted AWS page, `recorded` without a recording, `inferred` without a note.',
  'no-primary-citation':
    'lint: a rule, transition, time bound or reading that cites neither an AWS page nor a recording.',
  'secondary-source':
    'lint: a citation of a `summary` source (a research summary is not a source).',
  'incomplete-source':
    'lint: a document source without `url` or `copied`, or a recording without `repository`, `path`, `commit` or `url`.',
  'quote-lead-in': 'lint: a quote ending with a colon (a lead-in or heading, not a statement).',
  'file-unreadable': 'The spec or scenario file itself cannot be read.',
} as const;

/** One of {@link ISSUE_CODES}. */
export type IssueCode = keyof typeof ISSUE_CODES;
