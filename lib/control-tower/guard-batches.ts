import * as fs from 'fs';
import * as path from 'path';
import { readTemplateText, withEmptyProperties } from './resource-properties';
import { RuleFile } from './rule-files';

/** One cfn-guard run: rule files on one template. */
export interface GuardBatch {
  /** The rule files or directories, in the order cfn-guard evaluates them. */
  readonly rules: readonly string[];
  /** Rule file names to skip inside `rules` (as `CfnGuardValidatorProps.disabledRules`). */
  readonly disabledRules: readonly string[];
  /** The template cfn-guard reads: the synthesized one, or a copy with fewer properties. */
  readonly dataPath: string;
  /** The template path cfn-guard reports for the synthesized template (its real path). */
  readonly templatePath: string;
}

/** What to run on every template. */
export interface GuardPlan {
  /** The bundled Control Tower rule files, in cfn-guard's order, disabled ones left out. */
  readonly controlTowerRules: readonly RuleFile[];
  /** The user's own rule files or directories, run as they are after the bundled ones. */
  readonly customRules: readonly string[];
  /** The user's disabled rule file names, which apply to `customRules`. */
  readonly disabledRules: readonly string[];
  /** A directory for the reduced template copies. */
  readonly workDir: string;
}

/**
 * The cfn-guard runs that give, concatenated, the findings of one cfn-guard run of every rule
 * on every template, in the same order. Per template, a bundled rule file runs only when the
 * template holds a type that triggers it, and consecutive rule files that judge the same types
 * of the template run together on a copy of the template whose other resources have empty
 * properties: cfn-guard's time grows with the size of what it reads, once per rule file. A
 * template that is not JSON gets every rule file on the template itself.
 */
export function guardBatches(templatePaths: readonly string[], plan: GuardPlan): GuardBatch[] {
  return templatePaths.flatMap((synthesized, templateIndex) => {
    const templatePath = fs.realpathSync(synthesized);
    const text = fs.readFileSync(synthesized, 'utf8');
    const template = readTemplateText(text);
    const bundled: GuardBatch[] = template
      ? runsOfSameTypes(plan.controlTowerRules, template.types).map(({ judged, rules }, run) => {
          const emptied = template.properties.filter((p) => !judged.has(p.type));
          const dataPath = path.join(plan.workDir, `${templateIndex}-${run}.template.json`);
          fs.writeFileSync(dataPath, withEmptyProperties(text, emptied));
          return { rules, disabledRules: [], dataPath, templatePath };
        })
      : [
          {
            rules: plan.controlTowerRules.map((ruleFile) => ruleFile.path),
            disabledRules: [],
            dataPath: synthesized,
            templatePath,
          },
        ];
    const custom: GuardBatch = {
      rules: plan.customRules,
      disabledRules: plan.disabledRules,
      dataPath: synthesized,
      templatePath,
    };
    return [...bundled, custom].filter((batch) => batch.rules.length > 0);
  });
}

/** Consecutive rule files that judge the same resource types of a template. */
interface RuleRun {
  readonly judged: ReadonlySet<string>;
  readonly rules: string[];
}

/** The rule files that judge some type of the template, grouped into runs of the same types. */
function runsOfSameTypes(ruleFiles: readonly RuleFile[], present: ReadonlySet<string>): RuleRun[] {
  const runs: (RuleRun & { key: string })[] = [];
  for (const ruleFile of ruleFiles) {
    // A rule file that names no type may judge anything: it reads the whole template.
    const types = ruleFile.types.size ? [...ruleFile.types] : [...present];
    const judged = types.filter((type) => present.has(type)).sort();
    const triggered = ruleFile.types.size
      ? [...ruleFile.triggers].some((t) => present.has(t))
      : true;
    if (!triggered || judged.length === 0) continue;
    const key = judged.join(' ');
    const last = runs[runs.length - 1];
    if (last?.key === key) last.rules.push(ruleFile.path);
    else runs.push({ key, judged: new Set(judged), rules: [ruleFile.path] });
  }
  return runs;
}
