import * as fs from 'fs';
import * as path from 'path';

/** One cfn-guard rule file and the resource types it can judge. */
export interface RuleFile {
  /** The path of the file. */
  readonly path: string;
  /**
   * Every resource type the file names (`AWS::S3::Bucket`...), in its rules or its comments.
   * The Control Tower rules select resources by a literal type only, so a rule file reads the
   * properties of these types only: those of the resources it judges and of the resources
   * they refer to.
   */
  readonly types: ReadonlySet<string>;
  /**
   * The types without which every rule of the file skips: each of its rules runs only `when`
   * a selection of resources of these types at the top of the file is `not empty` (or when the
   * input is a CloudFormation hook for one of them). All of `types` when a rule is written
   * otherwise.
   */
  readonly triggers: ReadonlySet<string>;
}

/** A CloudFormation resource type as a rule file spells it. */
const RESOURCE_TYPE = /\b[A-Za-z][A-Za-z0-9]*(?:::[A-Za-z0-9]+){2}\b/g;

/** A constant holding a resource type: `let S3_BUCKET_TYPE = "AWS::S3::Bucket"`. */
const TYPE_CONSTANT = /^let\s+(\w+)\s*=\s*["']([^"']+)["']/gm;

/** A selection of resources at the top of the file: `let buckets = Resources.*[ ... ]`. */
const SELECTION = /^let\s+(\w+)\s*=\s*Resources(?:\.\*)?\[([^\]]*)\]/gm;

/** A rule at the top of the file, and what follows its name up to the end of the line. */
const RULE = /^rule\s+\w+(.*)$/gm;

/** A rule's condition: from `when` to the brace that opens its body. */
const CONDITION = /^rule\s+\w+\s+when\b([^{]*)\{/gm;

/** The condition a rule checks its selection with: `%buckets not empty`. */
const NOT_EMPTY = /%(\w+)\s+not\s+empty/g;

/** The condition of a rule for a CloudFormation hook of one type. */
const HOOK = /is_cfn_hook\(\s*%\w+\s*,\s*%(\w+)\s*\)/;

/**
 * The types the rule file's rules need in the template to run at all, or undefined when some
 * rule is not written as the Control Tower rules are: every rule at the top of the file has a
 * condition, without `or`, that holds a selection by type `not empty` or is for a hook.
 */
function triggersOf(text: string): Set<string> | undefined {
  const constants = new Map([...text.matchAll(TYPE_CONSTANT)].map((m) => [m[1], m[2]]));
  const selections = new Map<string, string[]>();
  for (const [, name, filter] of text.matchAll(SELECTION)) {
    const named = [...filter.matchAll(/%(\w+)/g)].map((m) => constants.get(m[1]));
    const literal = filter.match(RESOURCE_TYPE) ?? [];
    if (named.includes(undefined)) return undefined;
    selections.set(name, [...(named as string[]), ...literal]);
  }
  const rules = [...text.matchAll(RULE)].filter((m) => !m[1].trimStart().startsWith('('));
  const conditions = [...text.matchAll(CONDITION)].map((m) => m[1]);
  if (rules.length === 0 || conditions.length !== rules.length) return undefined;
  const triggers = new Set<string>();
  for (const condition of conditions) {
    if (/\bor\b|\bOR\b|\|\|/.test(condition)) return undefined;
    const selected = [...condition.matchAll(NOT_EMPTY)].flatMap((m) => selections.get(m[1]) ?? []);
    const hook = constants.get(condition.match(HOOK)?.[1] ?? '');
    if (selected.length === 0 && hook === undefined) return undefined;
    for (const type of hook === undefined ? selected : [...selected, hook]) triggers.add(type);
  }
  return triggers;
}

/**
 * The rule files under a directory, in the order cfn-guard evaluates them when given the
 * directory (depth first, names sorted), without the disabled ones: `disabledRules` holds file
 * names without extension (`ct-s3-pr-1`), as in `CfnGuardValidatorProps`.
 */
export function ruleFilesUnder(dir: string, disabledRules: readonly string[]): RuleFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return ruleFilesUnder(file, disabledRules);
      if (disabledRules.includes(path.parse(file).name)) return [];
      const text = fs.readFileSync(file, 'utf8');
      const types = new Set(text.match(RESOURCE_TYPE));
      return [{ path: file, types, triggers: triggersOf(text) ?? types }];
    });
}
