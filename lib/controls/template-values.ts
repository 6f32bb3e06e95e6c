/**
 * Readers of template values for the mechanism predicates: they look at what a synthesized
 * template says, intrinsic functions unresolved, and answer no when a value cannot be judged.
 */

type Json = Record<string, unknown>;

/** An object value, or an empty one. */
export function objectOf(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** A list value, or an empty one. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Whether a template value is `true` (CloudFormation accepts the string too). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The text of a value: strings as they are, `Fn::Join` joined with each reference written as
 * `${...}`, `Fn::Sub` as its template, anything else as JSON.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const object = objectOf(value);
  const join = listOf(object['Fn::Join']);
  if (join.length === 2 && typeof join[0] === 'string') {
    return listOf(join[1])
      .map((part) => (typeof part === 'string' ? part : `\${${JSON.stringify(part)}}`))
      .join(join[0]);
  }
  const sub = object['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  return JSON.stringify(value) ?? '';
}

/** The statements of an IAM policy document (a single statement object counts as one). */
export function statementsOf(document: unknown): Json[] {
  const statement = objectOf(document).Statement;
  return (Array.isArray(statement) ? statement : [statement]).map(objectOf);
}

/** The actions a statement lists under `Action`. */
export function actionsOf(statement: Json): string[] {
  const action = statement.Action;
  return (Array.isArray(action) ? action : [action]).filter(
    (a): a is string => typeof a === 'string',
  );
}

/** Whether an IAM action pattern (with `*` and `?`) covers an action, compared without case. */
export function actionCovers(pattern: string, action: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(action.toLowerCase());
}

/** The condition keys a statement tests, lower-case, whatever the operator. */
export function conditionKeysOf(statement: Json): string[] {
  return Object.values(objectOf(statement.Condition)).flatMap((block) =>
    Object.keys(objectOf(block)).map((key) => key.toLowerCase()),
  );
}

/** The value of a tag in rendered tags: a list of { Key, Value } or a map. */
function tagIn(tags: unknown, key: string): string | undefined {
  if (Array.isArray(tags)) {
    const tag = tags.map(objectOf).find((t) => t.Key === key);
    return typeof tag?.Value === 'string' ? tag.Value : undefined;
  }
  const value = objectOf(tags)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The value of a tag, in the shapes CloudFormation resources carry tags: `Tags` as a list of
 * { Key, Value } or a map, an EFS file system's `FileSystemTags`, or, for a global table, the
 * value every replica's `Tags` carries (none when a replica lacks it or they disagree).
 */
export function tagOf(properties: Json, key: string): string | undefined {
  if (properties.Tags !== undefined) return tagIn(properties.Tags, key);
  if (properties.FileSystemTags !== undefined) return tagIn(properties.FileSystemTags, key);
  const replicas = listOf(properties.Replicas).map((r) => tagIn(objectOf(r).Tags, key));
  const [first] = replicas;
  return replicas.length > 0 && replicas.every((v) => v === first) ? first : undefined;
}

const DAYS_PER_UNIT: Readonly<Record<string, number>> = {
  minute: 1 / 1440,
  minutes: 1 / 1440,
  hour: 1 / 24,
  hours: 1 / 24,
  day: 1,
  days: 1,
};

/** The longest month, in days: a schedule that runs every month runs at least this often. */
export const LONGEST_MONTH_DAYS = 31;

/**
 * At most how many days pass between two runs of an EventBridge or Secrets Manager schedule
 * expression: exact for `rate(n unit)`; a month (31 days) for a `cron(...)` that runs every month
 * of every year on a day that every month has (1 to 28, `L`, `W`, or any day of the week).
 * Undefined when it runs less often than monthly, only once (`at(...)`), or cannot be read.
 */
export function scheduleIntervalDays(expression: unknown): number | undefined {
  if (typeof expression !== 'string') return undefined;
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const perUnit = DAYS_PER_UNIT[rate[2].toLowerCase()];
    const count = Number(rate[1]);
    return perUnit === undefined || count === 0 ? undefined : count * perUnit;
  }
  const cron = /^cron\(([^)]*)\)$/i.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return undefined;
  const [, , dayOfMonth, month, dayOfWeek, year = '*'] = fields;
  if (month !== '*' || year !== '*') return undefined;
  return dayOfEveryMonth(dayOfMonth, dayOfWeek) ? LONGEST_MONTH_DAYS : undefined;
}

/** Whether a cron day-of-month field (or its day-of-week field) names a day every month has. */
function dayOfEveryMonth(dayOfMonth: string, dayOfWeek: string): boolean {
  if (dayOfMonth === '?') return dayOfWeek !== '?';
  if (dayOfMonth === '*' || /[LW]/i.test(dayOfMonth)) return true;
  const firstDays = dayOfMonth
    .split(',')
    .map((part) => Number(part.split(/[-/]/)[0]))
    .filter((day) => Number.isInteger(day));
  return firstDays.some((day) => day >= 1 && day <= 28);
}
