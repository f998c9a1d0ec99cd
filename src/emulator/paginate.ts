import { LambdaApiError } from '../lambda/LambdaApi.ts';

/** Lambda's page size limit for ListFunctions and ListVersionsByFunction. */
export const MAX_PAGE_ITEMS = 50;

/** One page of a list and the marker of the next, absent on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextMarker?: string;
}

/**
 * How a list is ordered for paging: each item has a unique key, and keys have a total order. A
 * marker names the key of the last item served, so it stays meaningful while other clients add or
 * remove items between pages.
 */
export interface PageOrder<T> {
  key(item: T): string;
  /** Negative when key `a` comes before `b`, as for `Array.prototype.sort`. */
  compare(a: string, b: string): number;
  /** Whether `key` could be a key of this list (a marker naming anything else is refused). */
  valid(key: string): boolean;
}

/** Functions by name, in code-unit order. */
export const BY_NAME: PageOrder<{ readonly FunctionName?: string }> = {
  key: (item) => item.FunctionName ?? '',
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  valid: (key) => key !== '',
};

function versionRank(key: string): number {
  return key === '$LATEST' ? -1 : Number(key);
}

/** Versions as Lambda lists them: `$LATEST` first, then published versions in ascending number. */
export const BY_VERSION: PageOrder<{ readonly Version?: string }> = {
  key: (item) => item.Version ?? '',
  compare: (a, b) => versionRank(a) - versionRank(b),
  valid: (key) => key === '$LATEST' || /^[1-9]\d{0,15}$/.test(key),
};

function invalid(member: string, value: string, expected: string): LambdaApiError {
  return new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${expected}`,
  );
}

const MARKER_PREFIX = 'k:';

function encodeMarker(key: string): string {
  return Buffer.from(`${MARKER_PREFIX}${key}`).toString('base64');
}

function decodeMarker<K>(marker: string, order: PageOrder<K>): string {
  const decoded = Buffer.from(marker, 'base64').toString('utf8');
  const key = decoded.startsWith(MARKER_PREFIX) ? decoded.slice(MARKER_PREFIX.length) : '';
  if (!order.valid(key)) {
    throw invalid('marker', marker, 'Member must be a marker returned by a previous call');
  }
  return key;
}

/**
 * Cuts `items` into the page that `?Marker=&MaxItems=` asks for, the way Lambda's list operations
 * do: at most {@link MAX_PAGE_ITEMS}, in `order`, and an opaque `NextMarker` while items remain.
 * The marker is the base64 of the last served item's key, not an index: a page continues after
 * that key even when items were created or deleted in between (every item present throughout a
 * listing is served exactly once). A marker that is not one of ours is a 400.
 */
export function paginate<T extends K, K>(
  items: readonly T[],
  query: URLSearchParams,
  order: PageOrder<K>,
): Page<T> {
  const maxText = query.get('MaxItems');
  let max = MAX_PAGE_ITEMS;
  if (maxText !== null) {
    const n = Number(maxText);
    if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) {
      throw invalid('maxItems', maxText, 'Member must be an integer from 1 to 10000');
    }
    max = Math.min(n, MAX_PAGE_ITEMS);
  }
  const sorted = [...items].sort((a, b) => order.compare(order.key(a), order.key(b)));
  const marker = query.get('Marker');
  let start = 0;
  if (marker !== null && marker !== '') {
    const after = decodeMarker(marker, order);
    const next = sorted.findIndex((item) => order.compare(order.key(item), after) > 0);
    start = next === -1 ? sorted.length : next;
  }
  const page = sorted.slice(start, start + max);
  const last = page.at(-1);
  if (start + max >= sorted.length || last === undefined) return { items: page };
  return { items: page, nextMarker: encodeMarker(order.key(last)) };
}
