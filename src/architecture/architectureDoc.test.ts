import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerTableMarkdown } from './layers.ts';

const DOC = readFileSync('docs/ARCHITECTURE.md', 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('shows the layer table the layering test enforces', () => {
    const section = /<!-- layers:begin[^>]*-->\n([\s\S]*?)\n<!-- layers:end -->/.exec(DOC)?.[1];
    expect(section?.trim()).toBe(layerTableMarkdown().trim());
  });

  it('names every folder of the table', () => {
    for (const layer of LAYERS) expect(DOC).toContain(`\`${layer.folder}/\``);
  });
});
