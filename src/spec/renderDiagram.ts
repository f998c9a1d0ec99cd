import type { Spec } from './Spec.ts';
import { compareNames } from '../text/compareNames.ts';
import { stateEdges } from './stateEdges.ts';

/** Rule and transition ids to mark in the diagram (from a run's coverage). */
export interface DiagramMarks {
  readonly violated?: ReadonlySet<string>;
  readonly unexercised?: ReadonlySet<string>;
}

const RESERVED = new Set([
  'end',
  'state',
  'note',
  'direction',
  'class',
  'classDef',
  'style',
  'as',
  'left',
  'right',
  'of',
]);

/** Mermaid-safe text: letters, digits, spaces and a little punctuation. */
function clean(text: string): string {
  // Printable ASCII (every label of the shipped spec) takes the ASCII class, which keeps the same
  // characters there: the Unicode one costs about 0.3 ms a call until the engine tiers it up.
  const unsafe = /^[ -~]*$/.test(text) ? /[^A-Za-z0-9 ._()\-/]/g : /[^\p{L}\p{N} ._()\-/\u2717]/gu;
  return text.replace(unsafe, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Renders the spec's `state` machine as a Mermaid `stateDiagram-v2`: the initial state, one node per
 * `state` value, an edge per transition (labelled with its id and `within 15m` or `on <event>`) and
 * per rule that changes `state` (operation and rule id). Transitions that keep the state (an update
 * completing) are listed in a note beside it. `violated` ids are prefixed `✗` and their target state
 * is styled; `unexercised` ids are suffixed `(not exercised)`.
 */
export function renderDiagram(spec: Spec, marks: DiagramMarks = {}): string {
  const state = spec.fields.get('state');
  const values = state?.type === 'enum' ? state.values : [];
  const ids = new Map(
    values.map((v, i) => [v, /^[A-Za-z][A-Za-z0-9_]*$/.test(v) && !RESERVED.has(v) ? v : `s${i}`]),
  );
  const node = (value: string): string => ids.get(value) ?? 's_unknown';
  const mark = (id: string, label: string): string => {
    const violated = marks.violated?.has(id) === true ? '✗ ' : '';
    const unexercised = marks.unexercised?.has(id) === true ? ' (not exercised)' : '';
    return clean(`${violated}${label}${unexercised}`);
  };
  const lines = ['stateDiagram-v2'];
  for (const value of values) {
    if (node(value) !== value) lines.push(`  state "${clean(value)}" as ${node(value)}`);
  }
  if (state?.type === 'enum') lines.push(`  [*] --> ${node(state.initial)}`);
  const order = (value: string): number => values.indexOf(value);
  const edges = stateEdges(spec).sort(
    (a, b) =>
      order(a.from) - order(b.from) || order(a.to) - order(b.to) || compareNames(a.id, b.id),
  );
  const violatedTargets = new Set<string>();
  const notes = new Map<string, string[]>();
  for (const edge of edges) {
    if (marks.violated?.has(edge.id) === true) violatedTargets.add(node(edge.to));
    if (edge.from === edge.to)
      notes.set(edge.from, [...(notes.get(edge.from) ?? []), mark(edge.id, edge.label)]);
    else lines.push(`  ${node(edge.from)} --> ${node(edge.to)} : ${mark(edge.id, edge.label)}`);
  }
  const drawn = new Set(edges.flatMap((e) => [e.from, e.to]));
  if (state?.type === 'enum') drawn.add(state.initial);
  // A state no edge touches still gets its node.
  for (const value of values)
    if (!drawn.has(value) && node(value) === value) lines.push(`  ${value}`);
  for (const [value, items] of notes) {
    lines.push(
      `  note right of ${node(value)}`,
      ...items.map((item) => `    ${item}`),
      '  end note',
    );
  }
  if (violatedTargets.size > 0) {
    lines.push('  classDef violated fill:#fde2e2,stroke:#c62828,stroke-width:2px');
    lines.push(`  class ${[...violatedTargets].join(',')} violated`);
  }
  return `${lines.join('\n')}\n`;
}
