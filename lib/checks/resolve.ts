import { CfnOutput, CfnResource, Stack, Token } from 'aws-cdk-lib';
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
let typeIndex = new WeakMap<IConstruct, Map<string, CfnResource[]>>();
let appTypeIndex = new WeakMap<IConstruct, Map<string, CfnResource[]>>();
let exportIndex = new WeakMap<IConstruct, Map<string, { stack: Stack; value: unknown }>>();
let rendered = new WeakMap<CfnResource, ResourceJson>();
let dataClasses = new WeakMap<CfnResource, string | undefined>();

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
  typeIndex = new WeakMap();
  appTypeIndex = new WeakMap();
  exportIndex = new WeakMap();
  rendered = new WeakMap();
  dataClasses = new WeakMap();
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

/** Groups resources by CloudFormation type. */
function byType(resources: Iterable<CfnResource>): Map<string, CfnResource[]> {
  const types = new Map<string, CfnResource[]>();
  for (const resource of resources) {
    const list = types.get(resource.cfnResourceType) ?? [];
    list.push(resource);
    types.set(resource.cfnResourceType, list);
  }
  return types;
}

/** The resources of the stack of `scope` with the given CloudFormation type. */
export function resourcesOfType(scope: IConstruct, type: string): CfnResource[] {
  const stack = Stack.of(scope);
  let types = typeIndex.get(stack);
  if (!types) {
    types = byType(resourcesOfStack(stack).values());
    typeIndex.set(stack, types);
  }
  return types.get(type) ?? [];
}

/**
 * The resources of the whole app (every stack under the root of `scope`) with the given
 * CloudFormation type, for rules that only the whole app can judge. Built once per validation.
 */
export function appResourcesOfType(scope: IConstruct, type: string): CfnResource[] {
  const root = scope.node.root;
  let types = appTypeIndex.get(root);
  if (!types) {
    types = byType(root.node.findAll().filter(CfnResource.isCfnResource));
    appTypeIndex.set(root, types);
  }
  return types.get(type) ?? [];
}

/** The value a stack of the app exports under `name`, with the stack that exports it. */
function exportedValue(
  scope: IConstruct,
  name: string,
): { stack: Stack; value: unknown } | undefined {
  const root = scope.node.root;
  let exports = exportIndex.get(root);
  if (!exports) {
    exports = new Map();
    for (const child of root.node.findAll()) {
      if (child instanceof CfnOutput && child.exportName !== undefined) {
        const stack = Stack.of(child);
        exports.set(stack.resolve(child.exportName) as string, {
          stack,
          value: stack.resolve(child.value),
        });
      }
    }
    exportIndex.set(root, exports);
  }
  return exports.get(name);
}

/**
 * The value of the output `outputName` of the stack of the app named `stackName`, with that
 * stack: what `Fn::GetStackOutput` reads (the cross-stack reference aws-cdk-lib writes for
 * stacks that share no exports).
 */
function stackOutputValue(
  scope: IConstruct,
  stackName: unknown,
  outputName: unknown,
): { stack: Stack; value: unknown } | undefined {
  if (typeof stackName !== 'string' || typeof outputName !== 'string') return undefined;
  for (const child of scope.node.root.node.findAll()) {
    if (!(child instanceof CfnOutput)) continue;
    const stack = Stack.of(child);
    if (stack.stackName !== stackName || stack.resolve(child.logicalId) !== outputName) continue;
    return { stack, value: stack.resolve(child.value) };
  }
  return undefined;
}

/**
 * The resource a resolved `Ref` or `Fn::GetAtt` points to, in the same stack, or in another
 * stack of the app through `Fn::ImportValue` of its export or `Fn::GetStackOutput` of its
 * output; undefined for anything else.
 */
export function referencedResource(scope: IConstruct, value: unknown): CfnResource | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['Fn::ImportValue'] === 'string') {
    const exported = exportedValue(scope, v['Fn::ImportValue']);
    return exported && referencedResource(exported.stack, exported.value);
  }
  const output = v['Fn::GetStackOutput'] as Record<string, unknown> | undefined;
  if (output !== null && typeof output === 'object') {
    const found = stackOutputValue(scope, output.StackName, output.OutputName);
    return found && referencedResource(found.stack, found.value);
  }
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
  if (tags) return tags.tagValues()[key];
  // A resource without a tag manager (a plain CfnResource): read the rendered `Tags`, a list of
  // { Key, Value } or a map.
  const rendered = propertiesOf(node).Tags;
  if (Array.isArray(rendered)) {
    const tag = rendered.find((t) => (t as { Key?: unknown } | null)?.Key === key);
    return tag === undefined ? undefined : String((tag as { Value?: unknown }).Value);
  }
  const value = (rendered as Record<string, unknown> | undefined)?.[key];
  return value === undefined ? undefined : String(value);
}

/** The `dpp:data-class` tag of a resource, read once per validation. */
export function dataClassOf(node: CfnResource): string | undefined {
  if (!dataClasses.has(node)) dataClasses.set(node, tagValue(node, DATA_CLASS_TAG));
  return dataClasses.get(node);
}

/**
 * Every resource a resolved value points to, anywhere inside it (`Ref`, `Fn::GetAtt`, and
 * `Fn::ImportValue` of an export of the app).
 */
export function referencedResources(scope: IConstruct, value: unknown): CfnResource[] {
  const found: CfnResource[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const target = referencedResource(scope, v);
    if (target) {
      found.push(target);
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

/**
 * The text of a resolved string value, with `Fn::Join` flattened and every other intrinsic
 * shown as `${?}`: enough to read the literal parts of an ARN such as
 * `arn:${?}:iam::aws:policy/AdministratorAccess`. Undefined for anything that is not text.
 */
export function literalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => literalText(part) ?? '${?}').join(join[0]);
  }
  return undefined;
}
