import { LambdaApiError } from '../lambda/LambdaApi.ts';

type Json = Record<string, unknown>;

function invalidMember(member: string, expected: string): LambdaApiError {
  return new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be ${expected}`,
  );
}

/**
 * A request's JSON body with typed, validating accessors. Every problem is a `LambdaApiError` that
 * names the route (malformed JSON, 400 `InvalidRequestContentException`) or the member (missing or
 * mistyped, 400 `InvalidParameterValueException`), never another exception.
 */
export class RequestBody {
  readonly #json: Json;

  private constructor(json: Json) {
    this.#json = json;
  }

  /** Parses `bytes` as a JSON object; an empty body is `{}`. `route` names the route in errors. */
  static parse(bytes: Uint8Array, route: string): RequestBody {
    const text = Buffer.from(bytes).toString('utf8');
    if (text.trim() === '') return new RequestBody({});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new LambdaApiError(
        'InvalidRequestContentException',
        400,
        `Could not parse request body into json for ${route}: ${detail}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new LambdaApiError(
        'InvalidRequestContentException',
        400,
        `Could not parse request body into json for ${route}: expected a JSON object`,
      );
    }
    return new RequestBody(parsed as Json);
  }

  /** A nested object member as its own body (absent → undefined). */
  object(member: string): RequestBody | undefined {
    const value = this.#json[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidMember(member, 'an object');
    return new RequestBody(value as Json);
  }

  /** A required nested object member. */
  requiredObject(member: string): RequestBody {
    const value = this.object(member);
    if (value === undefined) throw invalidMember(member, 'present (it is required)');
    return value;
  }

  string(member: string): string | undefined {
    const value = this.#json[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalidMember(member, 'a string');
    return value;
  }

  /** A required string member; an empty string counts as missing. */
  requiredString(member: string): string {
    const value = this.string(member);
    if (value === undefined || value === '')
      throw invalidMember(member, 'present (it is required)');
    return value;
  }

  number(member: string): number | undefined {
    const value = this.#json[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalidMember(member, 'a number');
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.#json[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalidMember(member, 'a boolean');
    return value;
  }

  /** A map of string to string (`Tags`, `Environment.Variables`). */
  stringMap(member: string): Record<string, string> | undefined {
    const value = this.object(member);
    if (value === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(value.#json)) {
      if (typeof v !== 'string') throw invalidMember(`${member}.${key}`, 'a string');
      out[key] = v;
    }
    return out;
  }

  /** A list of strings (`mutants`). */
  stringArray(member: string): string[] | undefined {
    const value = this.#json[member];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw invalidMember(member, 'a list of strings');
    }
    return value;
  }

  /** A blob member: base64 text in JSON, decoded to bytes. */
  bytes(member: string): Uint8Array | undefined {
    const value = this.string(member);
    if (value === undefined) return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) {
      throw invalidMember(member, 'base64-encoded bytes');
    }
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
}
