import { asList } from '../../../lib/checks/policy-document';
import { DataStore } from './data-stores';
import { EnvironmentTemplates, TemplateResource } from './environment-templates';

/** Where a request from inside a VPC goes first. */
export type NetworkTarget =
  | {
      /** A gateway endpoint: traffic to the service's prefix list, routed by the route table. */
      readonly kind: 'gateway endpoint';
      readonly endpoint: TemplateResource;
      readonly serviceName: string;
      readonly port: number;
    }
  | {
      /** An interface endpoint: network interfaces in the VPC behind security groups. */
      readonly kind: 'interface endpoint';
      readonly endpoint: TemplateResource;
      readonly serviceName: string;
      readonly securityGroups: string[];
      readonly port: number;
    }
  | {
      /** A database in the VPC, on its port, behind its security groups. */
      readonly kind: 'database';
      readonly securityGroups: string[];
      readonly port: number;
    };

/** The AWS service of the VPC endpoint each store kind's data API is called through. */
const ENDPOINT_SERVICE: Record<string, string> = {
  s3: 's3',
  dynamodb: 'dynamodb',
  ssm: 'ssm',
  kms: 'kms',
};

/** The HTTPS port of every AWS service endpoint. */
const HTTPS = 443;

/**
 * What a request to `store` from `vpc` goes to: the VPC endpoint of the store's service in that
 * VPC, or the database itself. Undefined when the VPC has no endpoint for the service.
 */
export function networkTarget(
  templates: EnvironmentTemplates,
  store: DataStore,
  vpc: string,
): NetworkTarget | undefined {
  if (store.kind === 'database') {
    return {
      kind: 'database',
      securityGroups: asList(templates.property(store.resource, 'VPCSecurityGroups')).map(String),
      port: Number(templates.property(store.resource, 'Port') ?? 5432),
    };
  }
  const serviceName = `com.amazonaws.«AWS::Region».${ENDPOINT_SERVICE[store.service]}`;
  const endpoint = templates
    .resources('AWS::EC2::VPCEndpoint')
    .find(
      (e) =>
        templates.property(e, 'VpcId') === vpc &&
        templates.property(e, 'ServiceName') === serviceName,
    );
  if (!endpoint) return undefined;
  if (templates.property(endpoint, 'VpcEndpointType') === 'Gateway') {
    return { kind: 'gateway endpoint', endpoint, serviceName, port: HTTPS };
  }
  return {
    kind: 'interface endpoint',
    endpoint,
    serviceName,
    securityGroups: asList(templates.property(endpoint, 'SecurityGroupIds')).map(String),
    port: HTTPS,
  };
}
