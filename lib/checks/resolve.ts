import { CfnOutput, CfnResource, NestedStack, Stack, TagManager, Token } from 'aws-cdk-lib';
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
let outputIndex = new WeakMap<IConstruct, Map<string, { stack: Stack; value: unknown }>>();
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
  outputIndex = new WeakMap();
  rendered = new WeakMap();
  renderFailures = new WeakMap();
  dataClasses = new WeakMap();
}

/**
 * A resource aws-cdk-lib cannot render into its template (a property whose token throws when
 * resolved, a broken escape hatch). The rules of that resource report it as
 * `Unresolved::Template`; the rules of every other resource leave it out of what they read.
 */
export class UnrenderableResourceError extends Error {
  public constructor(
    /** The resource that cannot be rendered. */
    public readonly resource: CfnResource,
    cause: unknown,
  ) {
    super(
      `${resource.node.path} cannot be rendered: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'UnrenderableResourceError';
  }
}

let renderFailures = new WeakMap<CfnResource, UnrenderableResourceError>();

/** Renders a resource as its stack's template shows it, every token resolved. */
function render(node: CfnResource): ResourceJson {
  const toCfn = (node as unknown as { _toCloudFormation(): object })._toCloudFormation();
  const resources = (Stack.of(node).resolve(toCfn) as { Resources: Record<string, ResourceJson> })
    .Resources;
  const body = Object.values(resources)[0];
  const properties = (body.Properties ?? {}) as Record<string, unknown>;
  return { ...body, Properties: withNestedStackLiterals(node, properties) };
}

/**
 * The properties of a resource of a nested stack with every `Ref` to a parameter that the
 * parent passes as a literal (a string or a number) replaced by that literal, as
 * CloudFormation does on deployment; other values are left as they are.
 */
function withNestedStackLiterals(
  node: CfnResource,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const stack = Stack.of(node);
  if (!NestedStack.isNestedStack(stack) || !stack.nestedStackResource) return properties;
  const passed = objectOf(propertiesOf(stack.nestedStackResource).Parameters);
  const literal = (name: unknown) => {
    const value = typeof name === 'string' ? passed[name] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  };
  const substitute = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(substitute);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === 'Ref' && literal(record.Ref) !== undefined) {
      return literal(record.Ref);
    }
    return Object.fromEntries(keys.map((k) => [k, substitute(record[k])]));
  };
  return substitute(properties) as Record<string, unknown>;
}

/** A resolved object as a record, empty when it is anything else. */
function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The resource as the template will show it: property overrides and escape hatches included,
 * so raw L1 resources and L2 constructs are judged alike. Throws `UnrenderableResourceError`
 * (once rendered, every time) for a resource aws-cdk-lib cannot render.
 */
export function templateOf(node: CfnResource): ResourceJson {
  let json = rendered.get(node);
  if (!json) {
    const failure = renderFailures.get(node);
    if (failure) throw failure;
    try {
      json = render(node);
    } catch (error) {
      const unrenderable = new UnrenderableResourceError(node, error);
      renderFailures.set(node, unrenderable);
      throw unrenderable;
    }
    rendered.set(node, json);
  }
  return json;
}

/**
 * Whether aws-cdk-lib can render the resource. Rules that read other resources of the stack or
 * the app skip those that cannot be rendered: their own rules report them.
 */
export function renders(node: CfnResource): boolean {
  try {
    templateOf(node);
    return true;
  } catch (error) {
    if (error instanceof UnrenderableResourceError) return false;
    throw error;
  }
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

/** Groups the resources that can be rendered by CloudFormation type. */
function byType(resources: Iterable<CfnResource>): Map<string, CfnResource[]> {
  const types = new Map<string, CfnResource[]>();
  for (const resource of resources) {
    if (!renders(resource)) continue;
    const list = types.get(resource.cfnResourceType) ?? [];
    list.push(resource);
    types.set(resource.cfnResourceType, list);
  }
  return types;
}

/**
 * The resources of the stack of `scope` with the given CloudFormation type, leaving out those
 * that cannot be rendered.
 */
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
 * CloudFormation type, for rules that only the whole app can judge, leaving out those that
 * cannot be rendered. Built once per validation.
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
 * The value of an output of a stack of the app, by the stack's name and the output's logical
 * id, as `Fn::GetStackOutput` names it (aws-cdk-lib's default cross-stack references since
 * `@aws-cdk/core:defaultCrossStackReferences`).
 */
function stackOutputValue(
  scope: IConstruct,
  stackName: unknown,
  outputName: unknown,
): { stack: Stack; value: unknown } | undefined {
  if (typeof stackName !== 'string' || typeof outputName !== 'string') return undefined;
  const root = scope.node.root;
  let outputs = outputIndex.get(root);
  if (!outputs) {
    outputs = new Map();
    for (const child of root.node.findAll()) {
      if (child instanceof CfnOutput) {
        const stack = Stack.of(child);
        const key = `${stack.stackName}/${stack.resolve(child.logicalId) as string}`;
        outputs.set(key, { stack, value: stack.resolve(child.value) });
      }
    }
    outputIndex.set(root, outputs);
  }
  return outputs.get(`${stackName}/${outputName}`);
}

/**
 * The value a parent stack passes to a parameter of the nested stack of `scope` (aws-cdk-lib
 * turns a reference to a resource of the parent into such a parameter), resolved in the
 * parent; undefined when `scope` is not in a nested stack or the parent passes nothing.
 */
function nestedStackParameter(
  scope: IConstruct,
  name: string,
): { stack: Stack; value: unknown } | undefined {
  const stack = Stack.of(scope);
  if (!NestedStack.isNestedStack(stack) || !stack.nestedStackResource) return undefined;
  const value = objectOf(propertiesOf(stack.nestedStackResource).Parameters)[name];
  return value === undefined ? undefined : { stack: Stack.of(stack.nestedStackResource), value };
}

/**
 * The resource a resolved `Ref` or `Fn::GetAtt` points to, in the same stack, or in another
 * stack of the app: through `Fn::ImportValue` of its export, `Fn::GetStackOutput` of its
 * output, or the parameter a parent stack passes to its nested stack. Undefined for anything
 * else.
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
    const published = stackOutputValue(scope, output.StackName, output.OutputName);
    return published && referencedResource(published.stack, published.value);
  }
  const logicalId =
    typeof v.Ref === 'string'
      ? v.Ref
      : Array.isArray(v['Fn::GetAtt'])
        ? (v['Fn::GetAtt'][0] as string)
        : undefined;
  if (logicalId === undefined) return undefined;
  const resource = resourcesOfStack(scope).get(logicalId);
  if (resource || typeof v.Ref !== 'string') return resource;
  const passed = nestedStackParameter(scope, v.Ref);
  return passed && referencedResource(passed.stack, passed.value);
}

/** Whether a resolved value refers to `target` (by `Ref` or `Fn::GetAtt`). */
export function refersTo(scope: IConstruct, value: unknown, target: CfnResource): boolean {
  return referencedResource(scope, value) === target;
}

/**
 * The value of a tag on a resource, as the template renders it: the rendered `Tags` (a list of
 * { Key, Value } or a map), property overrides included; for a global table without tags of its
 * own, the value its replicas carry; else the tag manager's tags, for a resource that renders
 * its tags under another property.
 */
export function tagValue(node: CfnResource, key: string): string | undefined {
  const properties = propertiesOf(node);
  const own = renderedTag(properties.Tags, key);
  if (own !== undefined) return own;
  if (properties.Tags === undefined && Array.isArray(properties.Replicas)) {
    // A global table carries its tags on each replica (`Replicas[].Tags`): the replicas hold
    // the same items, so they share one value; replicas that disagree give a value that is
    // none of them.
    const values = new Set(
      properties.Replicas.map((r) => renderedTag((r as { Tags?: unknown } | null)?.Tags, key)),
    );
    values.delete(undefined);
    if (values.size > 0) return [...values].join(',');
  }
  // `TagManager.of` finds the tag manager of both shapes of L1: `tags` (ITaggable) and
  // `cdkTagManager` (ITaggableV2, whose `tags` holds the raw list given in its props).
  const manager = TagManager.of(node);
  // A resource that renders its tags as `Tags` and has none in the template (an override
  // deleted them) carries none once deployed, whatever its tag manager holds.
  if (manager?.tagPropertyName.toLowerCase() === 'tags') return undefined;
  return manager?.tagValues()[key];
}

/** A rendered tag value as text: an intrinsic becomes a token, which rules see as unresolved. */
function tagText(value: unknown): string {
  return typeof value === 'string' ? value : Token.asString(value);
}

/** The value of a tag in rendered `Tags`: a list of { Key, Value } or a map. */
export function renderedTag(tags: unknown, key: string): string | undefined {
  if (Array.isArray(tags)) {
    const tag = tags.find((t) => (t as { Key?: unknown } | null)?.Key === key);
    return tag === undefined ? undefined : tagText((tag as { Value?: unknown }).Value);
  }
  if (tags === null || typeof tags !== 'object') return undefined;
  const value = (tags as Record<string, unknown>)[key];
  return value === undefined ? undefined : tagText(value);
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
