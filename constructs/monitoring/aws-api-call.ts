import {
  Duration,
  Stack,
  aws_iam as iam,
  aws_lambda as lambda,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  NIST_AND_HIPAA,
  acknowledgeBuiltIn,
  acknowledgeInCompliancePacks,
} from '../common/built-in-acknowledgement';
import { ManagedPolicyRole } from '../common/managed-policy-role';
import { PiiKey } from '../encryption/pii-key';
import { PiiFreeLogGroup } from '../logging/pii-free-log-group';

/** The construct id aws-cdk-lib gives the function behind every `AwsCustomResource` of a stack. */
const PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';
const SUPPORT_ID = 'CdkDppAwsApiCallSupport';

/**
 * Why the cdk-nag Lambda rules cannot apply to the function aws-cdk-lib provides for
 * `AwsCustomResource`: it runs only while CloudFormation deploys the stack.
 */
const PROVIDER_OUTSIDE_VPC_REASON =
  'The aws-cdk-lib provider of AwsCustomResource makes the AWS API calls of cdk-dpp custom ' +
  'resources (planting a synthetic canary record, enabling a service) only while CloudFormation ' +
  'deploys the stack and receives no other traffic; it reaches only AWS service endpoints and ' +
  'handles no customer data.';
const PROVIDER_CONCURRENCY_REASON =
  'Invoked only by CloudFormation during a deployment, one resource event at a time, so it cannot ' +
  'exhaust the account concurrency.';
const PROVIDER_DLQ_REASON =
  'Invoked synchronously by CloudFormation, which reports a failure in the stack events and rolls ' +
  'the deployment back; there is no asynchronous event to keep.';

/** What one `awsApiCall` does. */
export interface AwsApiCallProps {
  /** The call made when the resource is created. */
  readonly onCreate: cr.AwsSdkCall;
  /**
   * The call made when the resource is updated.
   * @default - no call on update
   */
  readonly onUpdate?: cr.AwsSdkCall;
  /**
   * The call made when the resource is deleted.
   * @default - no call on delete
   */
  readonly onDelete?: cr.AwsSdkCall;
  /** What the calls may do, exactly. */
  readonly statements: iam.PolicyStatement[];
  /**
   * Why a statement grants an action on all resources (`*`), when one does: the action has no
   * resource-level permission. It acknowledges AwsSolutions-IAM5 for `*` on the shared role.
   * @default - no statement may use `*`
   */
  readonly allResourcesReason?: string;
}

/**
 * An `AwsCustomResource` whose shared provider function runs with a role whose permissions sit in
 * a managed policy and logs to a `PiiFreeLogGroup`, with request and response data hidden from the
 * logs. The provider's remaining cdk-nag findings (VPC, concurrency, DLQ) are acknowledged on it
 * alone, with the reasons above.
 */
export function awsApiCall(
  scope: Construct,
  id: string,
  props: AwsApiCallProps,
): cr.AwsCustomResource {
  const support = AwsApiCallSupport.of(scope);
  for (const statement of props.statements) support.role.addToPrincipalPolicy(statement);
  if (props.allResourcesReason) {
    acknowledgeBuiltIn(support.role, 'AwsApiCall', {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: props.allResourcesReason,
    });
  }
  const resource = new cr.AwsCustomResource(scope, id, {
    onCreate: props.onCreate,
    onUpdate: props.onUpdate,
    onDelete: props.onDelete,
    role: support.role,
    logGroup: support.logGroup,
    timeout: Duration.minutes(2),
    installLatestAwsSdk: false,
  });
  support.acknowledgeProvider();
  return resource;
}

/** The role every `awsApiCall` of the stack of `scope` runs with. */
export function awsApiCallRole(scope: Construct): iam.IRole {
  return AwsApiCallSupport.of(scope).role;
}

/**
 * The function aws-cdk-lib provides for every `awsApiCall` of the stack of `scope`, once one
 * exists: for the acknowledgements of checkers that cannot apply to it.
 */
export function awsApiCallProvider(scope: Construct): lambda.SingletonFunction | undefined {
  return Stack.of(scope).node.tryFindChild(PROVIDER_ID) as lambda.SingletonFunction | undefined;
}

/** The role and log group shared by every `awsApiCall` of a stack, like the provider itself. */
class AwsApiCallSupport extends Construct {
  public static of(scope: Construct): AwsApiCallSupport {
    const stack = Stack.of(scope);
    return (
      (stack.node.tryFindChild(SUPPORT_ID) as AwsApiCallSupport | undefined) ??
      new AwsApiCallSupport(stack, SUPPORT_ID)
    );
  }

  public readonly role: ManagedPolicyRole;
  public readonly logGroup: PiiFreeLogGroup;
  private acknowledged = false;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new ManagedPolicyRole(this, 'Role', {
      description: 'Runs the AWS API calls of cdk-dpp custom resources at deployment',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup = new PiiFreeLogGroup(this, 'Logs', {
      encryptionKey: new PiiKey(this, 'LogsKey', {
        description: 'Encrypts the logs of cdk-dpp custom resources',
      }),
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
  }

  /** Acknowledges, once, the provider findings that cannot apply. */
  public acknowledgeProvider(): void {
    if (this.acknowledged) return;
    const provider = awsApiCallProvider(this);
    if (!provider) return;
    this.acknowledged = true;
    acknowledgeInCompliancePacks(
      provider,
      'AwsApiCall',
      'LambdaInsideVPC',
      PROVIDER_OUTSIDE_VPC_REASON,
    );
    acknowledgeInCompliancePacks(
      provider,
      'AwsApiCall',
      'LambdaConcurrency',
      PROVIDER_CONCURRENCY_REASON,
      NIST_AND_HIPAA,
    );
    acknowledgeInCompliancePacks(
      provider,
      'AwsApiCall',
      'LambdaDLQ',
      PROVIDER_DLQ_REASON,
      NIST_AND_HIPAA,
    );
  }
}
