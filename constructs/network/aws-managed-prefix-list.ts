import { Stack, aws_ec2 as ec2, aws_iam as iam, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { awsApiCall } from '../monitoring/aws-api-call';

/** Where the id is in the `DescribeManagedPrefixLists` response. */
const PREFIX_LIST_ID_PATH = 'PrefixLists.0.PrefixListId';

/** The stacks whose shared API-call role may already describe prefix lists. */
const grantedStacks = new WeakSet<Stack>();

/**
 * Props of an `AwsManagedPrefixList`.
 */
export interface AwsManagedPrefixListProps {
  /** The gateway endpoint service whose address ranges the list holds (S3, DynamoDB). */
  readonly service: ec2.IGatewayVpcEndpointService;
}

/**
 * The AWS-managed prefix list of a gateway endpoint's service, looked up at deployment. Traffic
 * through a gateway endpoint goes to the service's public addresses, which the route table sends
 * to the endpoint by this list; a security group that restricts egress must name the list's id
 * (`pl-…`), which differs per region and which CloudFormation exposes on no resource. The list's
 * name is the endpoint's service name (`com.amazonaws.<region>.s3`), so one
 * `ec2:DescribeManagedPrefixLists` call filtered by that name returns the id.
 */
export class AwsManagedPrefixList extends Construct {
  /** The id of the list (`pl-…`), resolved at deployment. */
  public readonly prefixListId: string;

  public constructor(scope: Construct, id: string, props: AwsManagedPrefixListProps) {
    super(scope, id);
    const describe: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [props.service.name] }] },
      physicalResourceId: cr.PhysicalResourceId.fromResponse(PREFIX_LIST_ID_PATH),
      outputPaths: [PREFIX_LIST_ID_PATH],
    };
    const stack = Stack.of(this);
    const firstOfStack = !grantedStacks.has(stack);
    grantedStacks.add(stack);
    const lookup = awsApiCall(this, 'Lookup', {
      onCreate: describe,
      onUpdate: describe,
      statements: firstOfStack
        ? [
            new iam.PolicyStatement({
              actions: ['ec2:DescribeManagedPrefixLists'],
              resources: ['*'],
            }),
          ]
        : [],
      allResourcesReason: firstOfStack
        ? 'ec2:DescribeManagedPrefixLists supports no resource-level permission; it reads only ' +
          'the address ranges AWS publishes for the S3 and DynamoDB gateway endpoints.'
        : undefined,
    });
    this.prefixListId = lookup.getResponseField(PREFIX_LIST_ID_PATH);
  }
}
