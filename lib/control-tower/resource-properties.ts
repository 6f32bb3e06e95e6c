/** Where the `Properties` object of one resource sits in the text of its template. */
export interface ResourceProperties {
  /** The resource type. */
  readonly type: string;
  /** The index of the object's `{`. */
  readonly open: number;
  /** The index of the object's `}`. */
  readonly close: number;
  /**
   * What replaces the text between the braces to empty the object: as many spaces, line breaks
   * kept, so every other value keeps its line and column, which cfn-guard reports in its
   * messages. Undefined when the object holds a character other than printable ASCII, since a
   * space is one byte and such a character may be more: that object is never emptied.
   */
  readonly blank?: string;
}

/** A JSON CloudFormation template, read for its resource types and where their properties are. */
export interface TemplateText {
  /** The text of the template. */
  readonly text: string;
  /** Every resource type the template holds. */
  readonly types: ReadonlySet<string>;
  /** The `Properties` objects of its resources, in the order of the text. */
  readonly properties: readonly ResourceProperties[];
}

/**
 * Reads a JSON CloudFormation template: its resource types, and where the `Properties` object
 * of each resource is in the text. Undefined when the text is not JSON or a resource has no
 * string `Type`.
 */
export function readTemplateText(text: string): TemplateText | undefined {
  let template: { Resources?: Record<string, { Type?: unknown }> };
  try {
    template = JSON.parse(text) as typeof template;
  } catch {
    return undefined;
  }
  const resources = Object.entries(template?.Resources ?? {});
  if (!resources.every(([, resource]) => typeof resource?.Type === 'string')) return undefined;
  const typeOf = new Map(resources.map(([id, resource]) => [id, resource.Type as string]));
  const properties = propertiesObjects(text).flatMap(({ id, open, close }) => {
    const type = typeOf.get(id);
    if (type === undefined) return [];
    const inside = text.slice(open + 1, close);
    const blank = /[^\t\n\r\x20-\x7e]/.test(inside)
      ? undefined
      : inside.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
    return [{ type, open, close, blank }];
  });
  return { text, types: new Set(typeOf.values()), properties };
}

/** The text with the `Properties` objects of the given resources emptied (see `blank`). */
export function withEmptyProperties(text: string, emptied: readonly ResourceProperties[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const { open, close, blank } of emptied) {
    if (blank === undefined) continue;
    parts.push(text.slice(from, open + 1), blank);
    from = close;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** One `Resources.<id>.Properties` object found in the text. */
interface PropertiesObject {
  readonly id: string;
  readonly open: number;
  readonly close: number;
}

/**
 * Scans valid JSON text for the objects at `Resources.<id>.Properties` of its top-level
 * object, in text order.
 */
function propertiesObjects(text: string): PropertiesObject[] {
  const found: PropertiesObject[] = [];
  // Per open container: the key it is the value of, where it opens, whether it is an object.
  const keys: (string | undefined)[] = [];
  const opens: number[] = [];
  const objects: boolean[] = [];
  let key: string | undefined;
  let readingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      if (readingKey) {
        const raw = text.slice(i + 1, end);
        key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      keys.push(key);
      opens.push(i);
      objects.push(c === '{');
      key = undefined;
      readingKey = c === '{';
    } else if (c === '}' || c === ']') {
      const own = keys.pop();
      const open = opens.pop() ?? 0;
      objects.pop();
      if (c === '}' && own === 'Properties' && keys.length === 3 && keys[1] === 'Resources') {
        if (objects.every(Boolean)) found.push({ id: keys[2] ?? '', open, close: i });
      }
      key = undefined;
    } else if (c === ',' || c === ':') {
      readingKey = c === ',' && (objects[objects.length - 1] ?? false);
    }
  }
  return found;
}

/** The index of the quote that closes the JSON string opening at `start`. */
function endOfString(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}
