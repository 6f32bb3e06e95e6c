import { App, Stack } from 'aws-cdk-lib';
import { StatementJson, statementsOf } from '../../../lib/checks/policy-document';

/** A resource of a synthesized template. */
export interface TemplateResource {
  /** The name of the stack that holds it (`Dpp-Data`). */
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** Its construct path (`Dpp/Data/Orders/Resource`), or its logical id without one. */
  readonly path: string;
  readonly properties: Record<string, unknown>;
  /** What `Ref` to the resource resolves to in `EnvironmentTemplates.resolve`. */
  readonly ref: string;
}

interface Template {
  readonly Resources?: Record<
    string,
    {
      Type: string;
      Properties?: Record<string, unknown>;
      Metadata?: Record<string, unknown>;
    }
  >;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly Parameters?: Record<string, unknown>;
}

/**
 * The templates of every stack of a synthesized app, with their intrinsic functions resolved to
 * symbolic text: `Ref` to a resource is `«stack:logicalId»`, `Fn::GetAtt` is
 * `«stack:logicalId.Attribute»`, a pseudo parameter is `«AWS::Region»`, joins and
 * substitutions are concatenated, and a cross-stack reference (`Fn::GetStackOutput`,
 * `Fn::ImportValue`) is followed to the value the other stack exports. Two values that resolve
 * to the same text name the same thing in every deployment.
 */
export class EnvironmentTemplates {
  private readonly templates = new Map<string, Template>();

  public constructor(app: App, stacks: readonly Stack[]) {
    const assembly = app.synth();
    for (const stack of stacks) {
      this.templates.set(
        stack.stackName,
        assembly.getStackArtifact(stack.artifactId).template as Template,
      );
    }
  }

  /** Every resource of every stack, of `type` when given. */
  public resources(type?: string): TemplateResource[] {
    const all: TemplateResource[] = [];
    for (const [stack, template] of this.templates) {
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        if (type !== undefined && resource.Type !== type) continue;
        all.push({
          stack,
          logicalId,
          type: resource.Type,
          path: String(resource.Metadata?.['aws:cdk:path'] ?? `${stack}/${logicalId}`),
          properties: resource.Properties ?? {},
          ref: `«${stack}:${logicalId}»`,
        });
      }
    }
    return all;
  }

  /** The resource a symbolic reference (`«stack:id»` or `«stack:id.Attribute»`) names. */
  public resourceNamedBy(reference: string): TemplateResource | undefined {
    const match = /^«([^:»]+):([A-Za-z0-9]+)(\.[^»]+)?»$/.exec(reference);
    if (!match) return undefined;
    return this.resources().find((r) => r.stack === match[1] && r.logicalId === match[2]);
  }

  /** A property of a resource, resolved. */
  public property(resource: TemplateResource, name: string): unknown {
    return this.resolve(resource.stack, resource.properties[name]);
  }

  /** A policy document property of a resource, resolved, as statements. */
  public statements(resource: TemplateResource, name: string): StatementJson[] {
    return statementsOf(this.property(resource, name));
  }

  /** `value` with every intrinsic function of `stack` resolved to symbolic text. */
  public resolve(stack: string, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(stack, item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      return this.intrinsic(stack, entries[0][0], entries[0][1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(stack, v)]));
  }

  private text(stack: string, value: unknown): string {
    const resolved = this.resolve(stack, value);
    return typeof resolved === 'string' ? resolved : `«${JSON.stringify(resolved)}»`;
  }

  private intrinsic(stack: string, name: string, argument: unknown): string {
    switch (name) {
      case 'Ref':
        return this.reference(stack, String(argument));
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(argument)
          ? (argument as string[])
          : String(argument).split(/\.(.*)/);
        return `«${stack}:${id}.${attribute}»`;
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return (parts as unknown[]).map((part) => this.text(stack, part)).join(separator);
      }
      case 'Fn::Sub': {
        const [body, variables] = Array.isArray(argument)
          ? (argument as [string, Record<string, unknown>])
          : [String(argument), {}];
        return body.replace(/\$\{([^}!]+)\}/g, (_, variable: string) => {
          if (variable in variables) return this.text(stack, variables[variable]);
          const [id, attribute] = variable.split(/\.(.*)/);
          return attribute ? `«${stack}:${id}.${attribute}»` : this.reference(stack, id);
        });
      }
      case 'Fn::GetStackOutput': {
        const { StackName, OutputName } = argument as { StackName: unknown; OutputName: string };
        return this.output(this.text(stack, StackName), OutputName);
      }
      case 'Fn::ImportValue':
        return this.imported(this.text(stack, argument));
      default:
        // Selections from lists (zones, CIDR blocks) stay opaque: equal only to themselves.
        return `«${stack}:${JSON.stringify({ [name]: argument })}»`;
    }
  }

  private reference(stack: string, id: string): string {
    if (id.startsWith('AWS::')) return `«${id}»`;
    return `«${stack}:${id}»`;
  }

  private output(stack: string, name: string): string {
    const output = this.templates.get(stack)?.Outputs?.[name];
    if (!output) throw new Error(`no output ${name} in stack ${stack}`);
    return this.text(stack, output.Value);
  }

  private imported(exportName: string): string {
    for (const [stack, template] of this.templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export && this.text(stack, output.Export.Name) === exportName) {
          return this.text(stack, output.Value);
        }
      }
    }
    throw new Error(`no stack exports ${exportName}`);
  }
}
