import { Validations } from 'aws-cdk-lib';
import { ControlTowerChecks } from '../../../lib/control-tower';
import { owned, registerAllPacks, testApp, openFindings } from '../../helpers';
import { organizationStacks } from './organization-fixtures';

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
