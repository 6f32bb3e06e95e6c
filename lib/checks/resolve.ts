import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DATA_CLASS_TAG } from '../../constructs/common/data-class';

/**
 * Helpers that let rules read resolved template values. A value that cannot be resolved in the
 * synthesized template (a parameter, an import, a token of another stack) is reported as
 * `undefined` by `resolvedPrimitive` so rules can say they cannot judge it.
 */

/** Resolves a property value in the resource's stack, as it will appear in the template. */
export function resolveValue(node: CfnResource, value: unknown): unknown {
  return Stack.of(node).resolve(value);
}

/** Whether a resolved value still holds an intrinsic function or a token. */
export function isIntrinsic(value: unknown): boolean {
  if (typeof value === 'string') return Token.isUnresolved(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** The logical id of a resource, resolved. */
export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId) as string;
}

let index = new WeakMap<Stack, Map<string, CfnResource>>();
let rendered = new WeakMap<CfnResource, ResourceJson>();

/** A resource as it appears in the synthesized template, with every token resolved. */
export interface ResourceJson {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/**
 * Forgets the per-stack index of resources. The pack calls it before every validation so the
 * index reflects the tree being validated.
 */
export function clearResourceIndex(): void {
  index = new WeakMap();
  rendered = new WeakMap();
}

/**
 * The resource as the template will show it: property overrides and escape hatches included,
 * so raw L1 resources and L2 constructs are judged alike.
 */
export function templateOf(node: CfnResource): ResourceJson {
  let json = rendered.get(node);
  if (!json) {
    const toCfn = (node as unknown as { _toCloudFormation(): object })._toCloudFormation();
    const resources = (Stack.of(node).resolve(toCfn) as { Resources: Record<string, ResourceJson> })
      .Resources;
    const body = Object.values(resources)[0];
    json = { ...body, Properties: body.Properties ?? {} };
    rendered.set(node, json);
  }
  return json;
}

/** The resolved properties of a resource, as in the template. */
export function propertiesOf(node: CfnResource): Record<string, unknown> {
  return templateOf(node).Properties;
}

/** Every CfnResource of the stack, by logical id, built once per validation. */
export function resourcesOfStack(scope: IConstruct): Map<string, CfnResource> {
  const stack = Stack.of(scope);
  let resources = index.get(stack);
  if (!resources) {
    resources = new Map();
    for (const child of stack.node.findAll()) {
      if (CfnResource.isCfnResource(child) && Stack.of(child) === stack) {
        resources.set(logicalIdOf(child), child);
      }
    }
    index.set(stack, resources);
  }
  return resources;
}

/** The resources of the stack of `scope` with the given CloudFormation type. */
export function resourcesOfType(scope: IConstruct, type: string): CfnResource[] {
  return [...resourcesOfStack(scope).values()].filter((r) => r.cfnResourceType === type);
}

/**
 * The resource a resolved `Ref` or `Fn::GetAtt` points to, in the same stack; undefined for
 * anything else.
 */
export function referencedResource(scope: IConstruct, value: unknown): CfnResource | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const logicalId =
    typeof v.Ref === 'string'
      ? v.Ref
      : Array.isArray(v['Fn::GetAtt'])
        ? (v['Fn::GetAtt'][0] as string)
        : undefined;
  return logicalId === undefined ? undefined : resourcesOfStack(scope).get(logicalId);
}

/** Whether a resolved value refers to `target` (by `Ref` or `Fn::GetAtt`). */
export function refersTo(scope: IConstruct, value: unknown, target: CfnResource): boolean {
  return referencedResource(scope, value) === target;
}

/** The value of a tag on a taggable resource, as it will be synthesized. */
export function tagValue(node: CfnResource, key: string): string | undefined {
  const tags = (node as unknown as { tags?: { tagValues(): Record<string, string> } }).tags;
  return tags?.tagValues()[key];
}

/** The `dpp:data-class` tag of a resource. */
export function dataClassOf(node: CfnResource): string | undefined {
  return tagValue(node, DATA_CLASS_TAG);
}
