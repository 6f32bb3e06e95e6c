import { StatementJson, statementsOf } from '../../../lib/checks/policy-document';
import { shortName } from './environment-roles';
import { EnvironmentTemplates, TemplateResource } from './environment-templates';

/** The kinds of store whose data a role may be granted. */
export type StoreKind = 'bucket' | 'table' | 'database' | 'parameter' | 'key';

/** A data store of the environment and how requests reach it. */
export interface DataStore {
  readonly resource: TemplateResource;
  readonly kind: StoreKind;
  readonly name: string;
  /** The IAM service prefix of its data actions (`s3`, `rds-db`). */
  readonly service: string;
  /** The symbolic text every ARN of the store or of its items holds. */
  readonly identity: string;
  /** Its resource policy (bucket, table and key policies); empty when it has none. */
  readonly resourcePolicy: StatementJson[];
  /**
   * Whether the resource policy must allow the request itself: a KMS key policy must, whereas
   * in one account an identity policy alone suffices for a bucket or a table.
   */
  readonly resourcePolicyMustAllow: boolean;
}

const KINDS: Record<string, { kind: StoreKind; service: string; identity: string }> = {
  'AWS::S3::Bucket': { kind: 'bucket', service: 's3', identity: 'Arn' },
  'AWS::DynamoDB::Table': { kind: 'table', service: 'dynamodb', identity: 'Arn' },
  'AWS::DynamoDB::GlobalTable': { kind: 'table', service: 'dynamodb', identity: 'Arn' },
  'AWS::RDS::DBInstance': { kind: 'database', service: 'rds-db', identity: 'DbiResourceId' },
  'AWS::SSM::Parameter': { kind: 'parameter', service: 'ssm', identity: '' },
  'AWS::KMS::Key': { kind: 'key', service: 'kms', identity: 'Arn' },
};

/** Every bucket, table, database, parameter and key of the environment. */
export function dataStores(templates: EnvironmentTemplates): DataStore[] {
  const bucketPolicies = templates.resources('AWS::S3::BucketPolicy');
  return templates.resources().flatMap((resource): DataStore[] => {
    const kind = KINDS[resource.type];
    if (!kind) return [];
    const { stack, logicalId } = resource;
    let resourcePolicy: StatementJson[] = [];
    if (kind.kind === 'bucket') {
      resourcePolicy = bucketPolicies
        .filter((policy) => templates.property(policy, 'Bucket') === resource.ref)
        .flatMap((policy) => templates.statements(policy, 'PolicyDocument'));
    } else if (kind.kind === 'table') {
      const policy = templates.property(resource, 'ResourcePolicy') as
        { PolicyDocument?: unknown } | undefined;
      resourcePolicy = statementsOf(policy?.PolicyDocument);
    } else if (kind.kind === 'key') {
      resourcePolicy = templates.statements(resource, 'KeyPolicy');
    }
    return [
      {
        resource,
        kind: kind.kind,
        name: shortName(resource.path),
        service: kind.service,
        identity: kind.identity ? `«${stack}:${logicalId}.${kind.identity}»` : resource.ref,
        resourcePolicy,
        resourcePolicyMustAllow: kind.kind === 'key',
      },
    ];
  });
}
