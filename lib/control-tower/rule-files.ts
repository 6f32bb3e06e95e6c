import * as fs from 'fs';
import * as path from 'path';

/** One cfn-guard rule file and the resource types it can judge. */
export interface RuleFile {
  /** The path of the file. */
  readonly path: string;
  /**
   * Every resource type the file names (`AWS::S3::Bucket`...), in its rules or its comments.
   * The Control Tower rules select resources by a literal type only, so a rule file judges
   * nothing in a template without these types, and reads properties of these types only.
   */
  readonly types: ReadonlySet<string>;
}

/** A CloudFormation resource type as a rule file spells it. */
const RESOURCE_TYPE = /\b[A-Za-z][A-Za-z0-9]*(?:::[A-Za-z0-9]+){2}\b/g;

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
      return [{ path: file, types: new Set(fs.readFileSync(file, 'utf8').match(RESOURCE_TYPE)) }];
    });
}
