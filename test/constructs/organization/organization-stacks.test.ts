import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { owned, registerAllPacks, testApp } from '../../helpers';
import { organizationStacks } from './organization-fixtures';

/** Each open finding of the app's validation report as `<plugin> <rule> <path>`. */
function openFindings(outdir: string): string[] {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((r) =>
    r.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`),
    ),
  );
}

describe('the organization stacks', () => {
  test.each([
    ['each in its account', false],
    ['environment-agnostic', true],
  ])(
    'the management, log-archive and security-tooling stacks, %s, synthesize with zero open findings under every checker',
    (_, agnostic) => {
      const app = testApp();
      registerAllPacks(app);
      Validations.of(app).addPlugins(new ControlTowerChecks());
      const built = organizationStacks(app, agnostic);
      for (const stack of [built.logArchiveStack, built.managementStack, built.toolingStack]) {
        owned(stack);
      }
      let failure = '';
      try {
        app.synth();
      } catch (error) {
        failure = String(error);
      }
      expect(openFindings(app.outdir)).toEqual([]);
      expect(failure).toBe('');
    },
  );
});
