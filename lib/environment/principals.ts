import { aws_iam as iam } from 'aws-cdk-lib';

/** The account's IAM principals, only when signed in with multi-factor authentication. */
export function accountPrincipalWithMfa(): iam.IPrincipal {
  return new iam.AccountRootPrincipal().withConditions({
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  });
}
