import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings } from '../../findings';
import { propertiesOf, referencedResource, appResourcesOfType } from '../../resolve';

const flowLogIndexes = new WeakMap<CfnResource[], Map<CfnResource, string[]>>();

/** The traffic types of the flow logs of the app, by the VPC they watch. */
function flowLogsByVpc(node: CfnResource): Map<CfnResource, string[]> {
  const flowLogs = appResourcesOfType(node, 'AWS::EC2::FlowLog');
  let index = flowLogIndexes.get(flowLogs);
  if (!index) {
    index = new Map();
    for (const flowLog of flowLogs) {
      const properties = propertiesOf(flowLog);
      const vpc = referencedResource(flowLog, properties.ResourceId);
      const traffic = new Findings(flowLog).cannotJudge(properties.TrafficType)
        ? 'Unresolved'
        : String(properties.TrafficType);
      if (vpc) index.set(vpc, [...(index.get(vpc) ?? []), traffic]);
    }
    flowLogIndexes.set(flowLogs, index);
  }
  return index;
}

/** Compliant when a VPC has a flow log of all its traffic (accepted and rejected). */
export function vpcFlowLogs(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::EC2::VPC') return NagRuleCompliance.NOT_APPLICABLE;
  const traffic = flowLogsByVpc(node).get(node) ?? [];
  if (!traffic.includes('ALL') && traffic.includes('Unresolved')) {
    return new Findings(node).add('Unresolved::TrafficType').result();
  }
  return new Findings(node)
    .unless(traffic.length > 0, 'NoFlowLog')
    .unless(traffic.length === 0 || traffic.includes('ALL'), 'NotAllTraffic')
    .result();
}
