import { LambdaApiError } from '../lambda/LambdaApi.ts';

/** Lambda's page size limit for ListFunctions and ListVersionsByFunction. */
export const MAX_PAGE_ITEMS = 50;

/** One page of a list and the marker of the next, absent on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextMarker?: string;
}

function invalid(member: string, value: string, expected: string): LambdaApiError {
  return new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${expected}`,
  );
}

/**
 * Cuts `items` into the page that `?Marker=&MaxItems=` asks for, the way Lambda's list operations
 * do: at most {@link MAX_PAGE_ITEMS}, and an opaque `NextMarker` while items remain. The marker is
 * the base64 of the next index; an unknown marker is a 400.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams): Page<T> {
  const maxText = query.get('MaxItems');
  let max = MAX_PAGE_ITEMS;
  if (maxText !== null) {
    const n = Number(maxText);
    if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) {
      throw invalid('maxItems', maxText, 'Member must be an integer from 1 to 10000');
    }
    max = Math.min(n, MAX_PAGE_ITEMS);
  }
  const marker = query.get('Marker');
  let start = 0;
  if (marker !== null && marker !== '') {
    const decoded = Buffer.from(marker, 'base64').toString('utf8');
    const n = Number(decoded.startsWith('i:') ? decoded.slice(2) : Number.NaN);
    if (!Number.isSafeInteger(n) || n < 0 || n > items.length) {
      throw invalid('marker', marker, 'Member must be a marker returned by a previous call');
    }
    start = n;
  }
  const end = start + max;
  const page = items.slice(start, end);
  if (end >= items.length) return { items: page };
  return { items: page, nextMarker: Buffer.from(`i:${String(end)}`).toString('base64') };
}
