import {
  CfnResource,
  Duration,
  RemovalPolicy,
  aws_accessanalyzer as accessanalyzer,
  aws_iam as iam,
  aws_securityhub as securityhub,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DppMetadata } from '../common/dpp-metadata';
import { Problems } from '../common/problems';
import { GUARDDUTY_FEATURES, INSPECTOR_RESOURCE_TYPES } from '../monitoring/account-baseline';
import { awsApiCall } from '../monitoring/aws-api-call';
import { routeFindings } from '../monitoring/finding-routes';
import { IncidentTopic, validateIncidentEmail } from '../monitoring/incident-topic';
import { acknowledgeApiCallProviderOutsideVpc } from './api-call-provider';

const CLAUSES = [
  'DPP-LM-1',
  'DPP-LM-7',
  'DPP-NP-4',
  'DPP-NP-6',
  'DPP-25-MAL',
  'DPP-25-VULN',
  'SOC-R2',
  'SOC-R3',
  'SOC-R4',
];

/** The `autoEnable` member of Inspector's `UpdateOrganizationConfiguration` for each scan type. */
const INSPECTOR_AUTO_ENABLE_KEYS: Readonly<Record<string, string>> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
  LAMBDA_CODE: 'lambdaCode',
};

/**
 * Props of a `SecurityToolingAccount`.
 */
export interface SecurityToolingAccountProps {
  /**
   * The e-mail address of the Incident Management Point of Contact, subscribed to the incident
   * topic that receives the organization's findings (DPP-25-IMPOC). A token (a stack parameter,
   * as `DppEnvironment` takes it) is accepted unchecked.
   */
  readonly incidentEmail: string;
  /**
   * After how long without use a role, user, key or permission of any account is reported by the
   * organization's unused-access analyzer: 1 to 365 days (DPP-NP-4).
   * @default Duration.days(90)
   */
  readonly unusedAccessAge?: Duration;
}

/**
 * The security-tooling account, the organization's delegated administrator of GuardDuty, Amazon
 * Inspector, IAM Access Analyzer and Security Hub (after the management account's
 * `DelegatedSecurityAdministration`): IAM Access Analyzer analyzers of the organization's
 * external and unused access; GuardDuty with every member account and the `AccountBaseline`'s
 * protection plans enabled automatically; Inspector scanning every member's EC2, ECR and Lambda
 * automatically; Security Hub enabled with its default standards in new accounts; and the
 * `IncidentTopic` that receives the `AccountBaseline`'s finding routes, here for the findings
 * of every account, which the administrator receives (DPP-LM-1, DPP-LM-7, DPP-NP-4, DPP-NP-6,
 * DPP-25-MAL, DPP-25-VULN, SOC-R2, SOC-R3, SOC-R4). Regional, like the services: one per Region.
 */
export class SecurityToolingAccount extends Construct {
  /** The topic every finding of the organization is sent to. */
  public readonly incidentTopic: IncidentTopic;
  /** The analyzer of access to the organization's resources from outside it. */
  public readonly externalAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** The analyzer of unused access in every account of the organization. */
  public readonly unusedAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** Security Hub's organization configuration. */
  public readonly securityHubConfiguration: securityhub.CfnOrganizationConfiguration;

  public constructor(scope: Construct, id: string, props: SecurityToolingAccountProps) {
    super(scope, id);
    const given: Partial<SecurityToolingAccountProps> = props ?? {};
    const problems = new Problems(this);
    const unusedAccessAge = given.unusedAccessAge ?? Duration.days(90);
    const contact = 'the incident contact who receives the findings of every account';
    const emailGiven = problems.required('incidentEmail', given.incidentEmail, contact, [
      'DPP-25-IMPOC',
    ]);
    problems.numberInRange(
      'unusedAccessAge',
      unusedAccessAge.isUnresolved() ? undefined : unusedAccessAge.toDays(),
      1,
      365,
      ['DPP-NP-4'],
    );
    if (emailGiven) validateIncidentEmail(this, props.incidentEmail, 'Incidents');
    problems.throwIfAny();

    this.incidentTopic = new IncidentTopic(this, 'Incidents', {
      incidentEmail: props.incidentEmail,
    });
    routeFindings(this, this.incidentTopic, 'SecurityToolingAccount', CLAUSES);

    this.externalAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'ExternalAccessAnalyzer', {
      type: 'ORGANIZATION',
    });
    this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccessAnalyzer', {
      type: 'ORGANIZATION_UNUSED_ACCESS',
      analyzerConfiguration: {
        unusedAccessConfiguration: { unusedAccessAge: unusedAccessAge.toDays() },
      },
    });
    const guardDuty = this.guardDutyAutoEnable();
    const inspector = this.inspectorAutoEnable();
    this.securityHubConfiguration = new securityhub.CfnOrganizationConfiguration(
      this,
      'SecurityHub',
      { autoEnable: true, autoEnableStandards: 'DEFAULT', configurationType: 'LOCAL' },
    );
    // Deleting it would stop enabling Security Hub in the accounts that join later.
    this.securityHubConfiguration.applyRemovalPolicy(RemovalPolicy.RETAIN);

    acknowledgeApiCallProviderOutsideVpc(this, 'SecurityToolingAccount');
    for (const resource of [
      this.externalAccessAnalyzer,
      this.unusedAccessAnalyzer,
      guardDuty,
      inspector,
      this.securityHubConfiguration,
    ]) {
      DppMetadata.of(resource).implementsControls('SecurityToolingAccount', CLAUSES);
    }
  }

  /**
   * GuardDuty for every member account, with the `AccountBaseline`'s protection plans. The
   * administrator's detector is the one GuardDuty created when the account was designated, so
   * its ID is read first (`ListDetectors`: one detector per account and Region).
   */
  private guardDutyAutoEnable(): CfnResource {
    const listDetectors: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'listDetectors',
      parameters: {},
      physicalResourceId: cr.PhysicalResourceId.of('guardduty-detector'),
      outputPaths: ['DetectorIds.0'],
    };
    const detector = awsApiCall(this, 'GuardDutyDetector', {
      onCreate: listDetectors,
      onUpdate: listDetectors,
      statements: [
        new iam.PolicyStatement({ actions: ['guardduty:ListDetectors'], resources: ['*'] }),
      ],
      allResourcesReason:
        'guardduty:ListDetectors, guardduty:UpdateOrganizationConfiguration and ' +
        'inspector2:UpdateOrganizationConfiguration act on the account and support no ' +
        'resource-level permission.',
    });
    const update: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'updateOrganizationConfiguration',
      parameters: {
        DetectorId: detector.getResponseField('DetectorIds.0'),
        AutoEnableOrganizationMembers: 'ALL',
        Features: GUARDDUTY_FEATURES.map((name) => ({ Name: name, AutoEnable: 'ALL' })),
      },
      physicalResourceId: cr.PhysicalResourceId.of('guardduty-organization'),
    };
    const call = awsApiCall(this, 'GuardDutyOrganization', {
      onCreate: update,
      onUpdate: update,
      statements: [
        new iam.PolicyStatement({
          actions: ['guardduty:UpdateOrganizationConfiguration'],
          resources: ['*'],
        }),
      ],
    });
    return call.node.findChild('Resource').node.defaultChild as CfnResource;
  }

  /** Amazon Inspector for every member account, scanning the `AccountBaseline`'s resource types. */
  private inspectorAutoEnable(): CfnResource {
    const autoEnable = Object.fromEntries(
      INSPECTOR_RESOURCE_TYPES.map((type) => [INSPECTOR_AUTO_ENABLE_KEYS[type], true]),
    );
    const update: cr.AwsSdkCall = {
      service: 'Inspector2',
      action: 'updateOrganizationConfiguration',
      parameters: { autoEnable },
      physicalResourceId: cr.PhysicalResourceId.of('inspector2-organization'),
    };
    const call = awsApiCall(this, 'InspectorOrganization', {
      onCreate: update,
      onUpdate: update,
      statements: [
        new iam.PolicyStatement({
          actions: ['inspector2:UpdateOrganizationConfiguration'],
          resources: ['*'],
        }),
      ],
    });
    return call.node.findChild('Resource').node.defaultChild as CfnResource;
  }
}
