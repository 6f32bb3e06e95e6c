import { App, Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { DppChecks } from '../../lib';
import { ruleInfo } from '../../lib/checks/dpp-rule';
import { DPP_RULES } from '../../lib/checks/rule-table';
import { isControlId } from '../../lib/controls';
import { testStack } from '../helpers';

describe('DppChecks', () => {
  test('is a cdk-nag v3 pack named DPP', () => {
    const pack = new DppChecks();
    expect(pack.name).toBe('DPP');
    expect(pack.readPackName).toBe('DPP');
  });

  test('pins the rule table: ids, levels and clauses', () => {
    expect(DPP_RULES.map((r) => [r.id, r.level, r.clauses])).toEqual([
      ['S3BucketTlsOnly', NagMessageLevel.ERROR, ['DPP-NP-7', 'DPP-25-TLS', 'SOC-R6']],
    ]);
  });

  test('every rule cites catalog clauses in the text a user sees', () => {
    for (const rule of DPP_RULES) {
      expect(rule.clauses.length).toBeGreaterThan(0);
      rule.clauses.forEach((c) => expect(isControlId(c)).toBe(true));
      expect(ruleInfo(rule)).toContain(`(${rule.clauses.join(', ')})`);
    }
  });

  test('a finding names the construct path, the rule and the clauses', () => {
    const stack = testStack('Shop');
    new s3.Bucket(stack, 'Orders');
    const report = new DppChecks().validateScope(stack);
    const violation = report.violations.find(
      (v) => v.ruleName === 'DPP-S3BucketTlsOnly[SecureTransport]',
    );
    expect(violation).toMatchObject({
      severity: 'error',
      description:
        'The S3 bucket accepts requests without TLS or with TLS older than 1.2 (DPP-NP-7, DPP-25-TLS, SOC-R6).',
      violatingResources: [{ constructPath: 'Shop/Orders/Resource' }],
    });
    expect(report.success).toBe(false);
  });

  test('fails cdk synth when registered as a plugin', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DppChecks(app));
    new s3.Bucket(new Stack(app, 'Shop'), 'Orders');
    expect(() => app.synth()).toThrow(/DPP-S3BucketTlsOnly\[SecureTransport\]/);
  });
});
