import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { lambdaLogGroupExplicit } from './lambda-log-group-explicit';
import { lambdaNoLiteralSecrets } from './lambda-no-literal-secrets';
import { lambdaNotPublic } from './lambda-not-public';

const { ERROR } = NagMessageLevel;

/** The Lambda rules. */
export const LAMBDA_RULES: readonly DppRule[] = [
  {
    id: 'LambdaNoLiteralSecrets',
    level: ERROR,
    resourceTypes: ['AWS::Lambda::Function'],
    clauses: ['DPP-NP-2', 'SOC-R1'],
    summary:
      'The function has an environment variable named like a credential that holds a literal value',
    causes: {
      LiteralSecret:
        'An environment variable named like a credential holds a literal value or a template parameter',
    },
    explanation:
      'Credentials written into a template are shared with everyone who can read it and never rotate.',
    fix: 'keep the credential in Secrets Manager, pass its ARN (`..._SECRET_ARN`) and read it at run time.',
    check: lambdaNoLiteralSecrets,
  },
  {
    id: 'LambdaNotPublic',
    level: ERROR,
    resourceTypes: ['AWS::Lambda::Url', 'AWS::Lambda::Permission'],
    clauses: ['DPP-NP-1', 'DPP-NP-3', 'SOC-C3'],
    summary:
      'The function can be invoked by anyone: a function URL without authentication or a permission for `*` without a source condition',
    causes: {
      PublicUrl: 'The function URL accepts unauthenticated calls (`AuthType` NONE)',
      PublicInvoke:
        'A permission lets everyone invoke the function without a source account, organization or a source ARN of one owner',
    },
    explanation:
      'Only the accounts and services that need it may reach code that handles Amazon data.',
    fix:
      'use `FunctionUrlAuthType.AWS_IAM`, and grant invoke to a named principal or with ' +
      '`sourceAccount`/`sourceArn`.',
    check: lambdaNotPublic,
  },
  {
    id: 'LambdaLogGroupExplicit',
    level: ERROR,
    resourceTypes: ['AWS::Lambda::Function'],
    clauses: ['DPP-LM-4', 'DPP-LM-5', 'DPP-25-LOG', 'DPP-ES-1'],
    summary:
      'The function writes to a log group Lambda creates on its own, which keeps events forever, has no customer-managed key and masks nothing',
    causes: {
      ImplicitLogGroup:
        'The function names no log group of the app in `LoggingConfig.LogGroup` and the app declares no `/aws/lambda/<FunctionName>` log group',
    },
    explanation:
      'Every log is kept at least 12 months but not forever by accident, encrypted and free of PII; a log group no template declares is none of these. This includes the functions aws-cdk-lib adds for custom resources.',
    fix: 'set `logGroup: new PiiFreeLogGroup(...)` on the function (or `LoggingConfig.LogGroup` on its L1 resource).',
    check: lambdaLogGroupExplicit,
  },
];
