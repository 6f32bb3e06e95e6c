import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DppEnvironment } from '../../lib';
import { TEST_OWNER } from '../helpers';
import { environmentApp, stacksOf } from './environment-app';
import { Caller } from './reachability/callers';
import { DataStore } from './reachability/data-stores';
import { endpointPolicy } from './reachability/endpoint-policy';
import { EnvironmentTemplates } from './reachability/environment-templates';
import { networkTarget } from './reachability/network-target';
import { UnevaluableCondition, conditionsHold } from './reachability/policy-conditions';
import { RoleReachability, describeGap, reachability } from './reachability/reachability-report';
import { routeTable } from './reachability/route-table';
import { securityGroupRules } from './reachability/security-group-rules';
import { storeIngress } from './reachability/store-ingress';
import { storePolicy } from './reachability/store-policy';
import { walkPath } from './reachability/walk-path';

/**
 * Why the PII reader's grants have no path from where its principals are: the stores admit data
 * requests only through the VPC endpoints (DPP-NP-3, DPP-NP-5: a laptop with the reader's
 * credentials gets AccessDenied), and the reader is no administrative role, so it is not exempt.
 * Its reads are meant to come from a session inside the data subnets, through the endpoints.
 */
const READER_WORKS_FROM_INSIDE_THE_VPC = 'DenyDataAccessOutsideVpcEndpoint';

describe('reachability: every granted data path has a network path, and only those', () => {
  const app = environmentApp(false);
  const environment = new DppEnvironment(app, 'Dpp', { owner: TEST_OWNER });
  const templates = new EnvironmentTemplates(app, stacksOf(environment));
  const { roles, stores } = reachability(templates);

  const logicalId = (construct: IConstruct): string => {
    let resource: IConstruct = construct;
    while (!CfnResource.isCfnResource(resource) && resource.node.defaultChild) {
      resource = resource.node.defaultChild;
    }
    return Stack.of(resource).resolve((resource as CfnResource).logicalId) as string;
  };
  const roleOf = (construct: IConstruct): RoleReachability => {
    const id = logicalId(construct);
    const found = roles.find((r) => r.role.resource.logicalId === id);
    if (!found) throw new Error(`no role ${id}`);
    return found;
  };
  const storeOf = (construct: IConstruct): DataStore => {
    const id = logicalId(construct);
    const found = stores.find((s) => s.resource.logicalId === id);
    if (!found) throw new Error(`no store ${id}`);
    return found;
  };
  const { data } = environment;
  const application = roleOf(data.applicationRole);
  const reader = roleOf(data.piiReader);
  const orderService = application.callers[0];
  const objectOf = (store: DataStore) => `${store.identity}/example`;
  const archiveBucket = data.taxArchive.bucket;
  if (!archiveBucket) throw new Error('the tax archive has no bucket');
  const targetOf = (store: DataStore, vpc: string) => {
    const target = networkTarget(templates, store, vpc);
    if (!target) throw new Error(`no network target for ${store.name}`);
    return target;
  };

  it('walks every IAM role of every stack, or says why nothing applies to it', () => {
    expect(roles.map((r) => r.role.resource.logicalId).sort()).toEqual(
      templates
        .resources('AWS::IAM::Role')
        .map((r) => r.logicalId)
        .sort(),
    );
    expect(roles.length).toBeGreaterThanOrEqual(13);
    for (const role of roles) {
      expect(role.walked.length > 0 || (role.nothingApplies ?? '').length > 0).toBe(true);
    }
    expect(
      roles.filter((r) => r.nothingApplies).map((r) => `${r.role.name}: ${r.nothingApplies}`),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^NetworkFlowLogRole.*grant no data action on a store \(services: logs\)$/,
        ),
        expect.stringMatching(
          /^CustomVpcRestrictDefaultSG.*services: ec2\); the AWS-managed policies .*AWSLambdaBasicExecutionRole/,
        ),
      ]),
    );
  });

  it.each(roles.filter((r) => r !== reader).map((r) => [r.role.name, r] as const))(
    '%s: every data action granted on a store is reachable from each of its callers',
    (_, role) => {
      expect(role.walked.filter((w) => w.refusals.length > 0).map(describeGap)).toEqual([]);
    },
  );

  it('the order service reaches, through the VPC endpoints, every store and key it calls', () => {
    expect(orderService).toMatchObject({ kind: 'function in a VPC' });
    const reached = application.walked
      .filter((w) => w.refusals.length === 0 && w.caller === orderService)
      .map((w) => `${w.path.action} ${w.path.store.resource.logicalId}`);
    expect(reached).toEqual(
      expect.arrayContaining([
        `dynamodb:PutItem ${logicalId(data.orders)}`,
        `dynamodb:GetItem ${logicalId(data.orders)}`,
        `s3:PutObject ${logicalId(data.orderDocuments)}`,
        `kms:GenerateDataKey ${logicalId(data.piiKey)}`,
        `kms:Decrypt ${logicalId(data.piiKey)}`,
        `ssm:GetParameter ${logicalId(data.killSwitch.parameter)}`,
        `ssm:GetParameters ${logicalId(data.killSwitch.parameter)}`,
      ]),
    );
    // Server-side encryption: S3 and DynamoDB call KMS for the function, which needs no path.
    expect(application.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^kms:GenerateDataKey on PiiKey.*never holds for a direct call.*kms:ViaService/,
        ),
      ]),
    );
    // A grant IAM never applies opens no path: ssm:DescribeParameters takes only `*`.
    expect(application.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ssm:DescribeParameters on KillSwitch.*only `\*`/),
      ]),
    );
  });

  it("the order service's group opens HTTPS to the endpoints it needs, and nothing else", () => {
    const session = orderService as Extract<Caller, { kind: 'function in a VPC' }>;
    const rules = session.securityGroups.flatMap((group) =>
      securityGroupRules(templates, group, 'Egress').map((rule) => {
        const { IpProtocol, FromPort, ToPort } = rule;
        const to = rule.DestinationSecurityGroupId ?? rule.DestinationPrefixListId ?? rule.CidrIp;
        return `${IpProtocol} ${FromPort}-${ToPort} to ${to}`;
      }),
    );
    const prefixList = (id: string) =>
      `«Dpp-Data:${logicalId(data.vpc.node.findChild(id).node.findChild('Lookup'))}.PrefixLists.0.PrefixListId»`;
    expect(rules.sort()).toEqual(
      [
        `tcp 443-443 to «Dpp-Data:${logicalId(data.vpc.endpointSecurityGroup)}.GroupId»`,
        `tcp 443-443 to ${prefixList('S3PrefixList')}`,
        `tcp 443-443 to ${prefixList('DynamoDbPrefixList')}`,
      ].sort(),
    );
  });

  it('the SSM endpoint admits exactly the kill-switch reads the application role is granted', () => {
    const parameter = storeOf(data.killSwitch.parameter);
    const viaSsm = application.walked.filter((w) => w.path.store === parameter);
    expect(viaSsm.map((w) => [w.path.action, w.refusals]).sort()).toEqual([
      ['ssm:GetParameter', []],
      ['ssm:GetParameterHistory', []],
      ['ssm:GetParameters', []],
    ]);
  });

  it('the PII reader reads only from inside the VPC: from outside, the endpoint fence refuses it', () => {
    expect(reader.callers.map((c) => c.kind)).toEqual(['outside the VPC']);
    const refusedAt = reader.walked.map(
      (w) => `${w.path.store.kind} ${w.refusals.map((r) => r.hop).join(', ')}`,
    );
    // dynamodb:DescribeTable reads no item, so the fence does not list it: it passes from anywhere.
    expect(new Set(refusedAt)).toEqual(
      new Set(['bucket store policy', 'table store policy', 'table ', 'database store ingress']),
    );
    for (const walked of reader.walked.filter((w) => w.path.store.kind !== 'database')) {
      expect(walked.refusals.map((r) => r.reason).join()).toMatch(
        walked.refusals.length ? READER_WORKS_FROM_INSIDE_THE_VPC : /^$/,
      );
    }
  });

  it('the PII reader, from a session in the data subnets, gets through the endpoints to its stores', () => {
    const session = orderService as Extract<Caller, { kind: 'function in a VPC' }>;
    const paths = reader.walked.filter((w) => w.path.store.kind !== 'database');
    expect(paths.length).toBeGreaterThan(0);
    for (const { path } of paths) {
      const target = targetOf(path.store, session.vpc);
      expect(target.kind).toBe('gateway endpoint');
      const request = {
        action: path.action,
        resource: path.resource,
        principalArn: reader.role.arn,
        sourceVpce: target.kind === 'database' ? undefined : target.endpoint.ref,
      };
      expect([
        routeTable(templates, session, target),
        endpointPolicy(templates, target, request),
        storePolicy(path.store, request),
      ]).toEqual([undefined, undefined, undefined]);
    }
    // The database admits no security group yet: a reader workload needs
    // `PiiDatabase.allowConnectionsFrom(itsGroup)` before rds-db:connect has a path.
    const database = storeOf(data.shipments);
    expect(
      storeIngress(templates, { ...session, securityGroups: [] }, targetOf(database, session.vpc)),
    ).toMatchObject({ hop: 'store ingress' });
  });

  it('an object whose malware scan found threats is refused to its readers, the endpoint notwithstanding', () => {
    const session = orderService as Extract<Caller, { kind: 'function in a VPC' }>;
    const documents = storeOf(data.orderDocuments);
    const target = targetOf(documents, session.vpc);
    if (target.kind === 'database') throw new Error('the bucket has no endpoint');
    const read = {
      action: 's3:GetObject',
      resource: objectOf(documents),
      principalArn: reader.role.arn,
      sourceVpce: target.endpoint.ref,
    };
    expect(storePolicy(documents, read)).toBeUndefined();
    expect(storePolicy(documents, { ...read, objectScanStatus: 'THREATS_FOUND' })).toEqual({
      hop: 'store policy',
      reason: expect.stringMatching(/^DenyReadingInfectedObjects of /),
    });
    // Only the scan role may change a verdict; the reader cannot tag it clean again.
    const retag = { ...read, action: 's3:PutObjectTagging', objectScanStatus: 'THREATS_FOUND' };
    expect(storePolicy(documents, retag)).toEqual({
      hop: 'store policy',
      reason: expect.stringMatching(/^DenyChangingScanVerdicts of /),
    });
  });

  describe('a sample of actions no role is granted: some hop refuses each', () => {
    const hopsRefusing = (
      role: RoleReachability,
      action: string,
      store: DataStore,
      resource = store.identity,
    ) =>
      role.callers.map((caller) =>
        walkPath(templates, { role: role.role, action, store, resource }, caller).map((r) => r.hop),
      );

    it('the application role reading order documents or scanning orders: its identity policy', () => {
      expect(hopsRefusing(application, 'dynamodb:Scan', storeOf(data.orders))).toEqual([
        ['identity policy'],
      ]);
      const documents = storeOf(data.orderDocuments);
      expect(hopsRefusing(application, 's3:GetObject', documents, objectOf(documents))).toEqual([
        ['identity policy'],
      ]);
    });

    it('the application role writing or deleting tax records: its identity policy and the bucket policy', () => {
      const archive = storeOf(archiveBucket);
      expect(hopsRefusing(application, 's3:PutObject', archive, objectOf(archive))).toEqual([
        ['identity policy'],
      ]);
      expect(hopsRefusing(application, 's3:DeleteObject', archive, objectOf(archive))).toEqual([
        ['identity policy', 'store policy'],
      ]);
    });

    it('the application role changing the kill switch: its identity policy and the SSM endpoint policy', () => {
      expect(
        hopsRefusing(application, 'ssm:PutParameter', storeOf(data.killSwitch.parameter)),
      ).toEqual([['identity policy', 'endpoint policy']]);
    });

    it('the order service connecting to the database: IAM, its security group and the database group', () => {
      expect(hopsRefusing(application, 'rds-db:connect', storeOf(data.shipments))).toEqual([
        ['identity policy', 'security group egress', 'store ingress'],
      ]);
    });

    it("every role but the retrieval role reading a tax record: the archive's bucket policy", () => {
      const archive = storeOf(archiveBucket);
      const retrieval = roles.find((r) =>
        r.walked.some((w) => w.path.action === 's3:GetObject' && w.path.store === archive),
      );
      expect(retrieval?.role.name).toMatch(/^TaxArchiveRetrievalRole/);
      for (const role of roles.filter((r) => r !== retrieval)) {
        for (const hops of hopsRefusing(role, 's3:GetObject', archive, objectOf(archive))) {
          expect(hops).toContain('store policy');
        }
      }
    });
  });

  it('the walker refuses a request through another endpoint than the fence names, or from an unrouted subnet', () => {
    const session = orderService as Extract<Caller, { kind: 'function in a VPC' }>;
    const documents = storeOf(data.orderDocuments);
    const target = targetOf(documents, session.vpc);
    const put = {
      action: 's3:PutObject',
      resource: objectOf(documents),
      principalArn: application.role.arn,
    };
    expect(storePolicy(documents, { ...put, sourceVpce: '«another endpoint»' })).toEqual({
      hop: 'store policy',
      reason: `DenyDataAccessOutsideVpcEndpoint of ${documents.name} denies it`,
    });
    expect(
      routeTable(templates, { ...session, subnets: ['«an unrouted subnet»'] }, target),
    ).toMatchObject({
      hop: 'route table',
    });
  });

  it('a condition the walker cannot evaluate fails the walk instead of passing it', () => {
    const request = { action: 's3:GetObject', resource: '*', principalArn: 'role' };
    expect(() =>
      conditionsHold({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, request, 'Deny'),
    ).toThrow(UnevaluableCondition);
    expect(
      conditionsHold({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, request, 'Deny'),
    ).toBe(true);
    expect(
      conditionsHold(
        { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
        { ...request, sourceVpce: 'vpce-1' },
        'Deny',
      ),
    ).toBe(false);
  });
});
