import type { Citation } from './Spec.ts';

/**
 * The text a report shows for a citation: a document's quote, verbatim; for a recording, when and
 * where it was recorded and what it shows (`Recorded 25-11-2025, 02:39:11 in
 * TestLambdaTags::test_tag_lifecycle [get_fn_response_postaddtags]: …`).
 */
export function citationText(c: Citation): string {
  switch (c.kind) {
    case 'document':
      return c.quote;
    case 'recording':
      return `Recorded ${c.recorded} in ${c.test} [${c.keys.join(', ')}]: ${c.shows}`;
  }
}
