/**
 * jsdom for the reporter tests: an XML parser for junit.xml and the `window` / `document` mermaid
 * needs. jsdom ships no type declarations (and the project compiles without the DOM library), so
 * it is imported through a variable and typed here with only what the tests use.
 *
 * @internal
 */

/** The part of a DOM element the tests read. @internal */
export interface XmlElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: XmlElement | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(tag: string): Iterable<XmlElement> & { readonly length: number };
}

/** The part of a DOM document the tests read. @internal */
export interface XmlDocument {
  readonly documentElement: XmlElement;
  getElementsByTagName(tag: string): Iterable<XmlElement> & { readonly length: number };
}

interface JsdomWindow {
  readonly document: unknown;
  readonly DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument };
}

interface JsdomModule {
  readonly JSDOM: new (html: string) => { readonly window: JsdomWindow };
}

/** Mermaid's parse API, as the tests use it. @internal */
export interface MermaidApi {
  parse(text: string): Promise<unknown>;
}

const JSDOM_MODULE = 'jsdom';

async function newWindow(html: string): Promise<JsdomWindow> {
  const { JSDOM } = (await import(JSDOM_MODULE)) as JsdomModule;
  return new JSDOM(html).window;
}

/** Parses XML text with jsdom's DOMParser (`text/xml`); a syntax error gives a `parsererror`. @internal */
export async function parseXml(text: string): Promise<XmlDocument> {
  const window = await newWindow('');
  return new window.DOMParser().parseFromString(text, 'text/xml');
}

/**
 * Loads mermaid under jsdom: `window` and `document` are set on `globalThis` first, because mermaid
 * reads them when it is imported. @internal
 */
export async function loadMermaid(): Promise<MermaidApi> {
  const window = await newWindow('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window, document: window.document });
  const module = (await import('mermaid')) as unknown as { default: MermaidApi };
  return module.default;
}
