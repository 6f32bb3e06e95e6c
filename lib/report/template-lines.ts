/** The open object or array the scanner is in, and where it stands. */
interface Container {
  /** Whether it is an object (else an array). */
  readonly object: boolean;
  /** The key under which its parent holds it, when the parent is an object. */
  readonly key?: string;
  /** The last key read, for an object. */
  lastKey?: string;
  /** Whether the next string of an object is a key. */
  awaitingKey: boolean;
}

/**
 * The line, counted from 1, of each resource's logical ID in a CloudFormation template written as
 * JSON: the keys of the top-level `Resources` object, whatever the indentation (a template on one
 * line gives line 1 for all). Strings are read as JSON reads them, so a logical ID that appears
 * as a value or as a key deeper in the template is never taken for the resource. The text must be
 * valid JSON (the assembly reader parses it first); one that is not an object gives an empty map.
 */
export function resourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const open: Container[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = open[open.length - 1];
    if (c === '\n') {
      line++;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.object && top.awaitingKey) {
        top.lastKey = JSON.parse(text.slice(i, end + 1)) as string;
        top.awaitingKey = false;
        if (open.length === 2 && open[0].object && top.key === 'Resources') {
          lines.set(top.lastKey, line);
        }
      }
      i = end;
    } else if (c === '{' || c === '[') {
      open.push({
        object: c === '{',
        key: top?.object ? top.lastKey : undefined,
        awaitingKey: c === '{',
      });
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',' && top?.object) {
      top.awaitingKey = true;
    }
  }
  return lines;
}
