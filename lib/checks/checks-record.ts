import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The type of the stack-level construct metadata a registered check pack leaves in the cloud
 * assembly, so the evidence report can tell "the pack ran and found nothing" from "the pack was
 * never registered" (the validation report only lists plugins that found something).
 */
export const CHECKS_METADATA_TYPE = 'cdk-dpp:checks';

/** What a check pack records on every stack it checks. */
export interface ChecksRecord {
  /** The pack name, e.g. `DPP`. */
  readonly pack: string;
  /** The version of the package that holds the pack. */
  readonly version: string;
  /** The rules the pack applies, as reported (`DPP-<id>`). */
  readonly rules: string[];
}

/**
 * Records a check pack on every stack under the scope, including the stacks of the stages that
 * exist under it now. CDK synthesizes a stage on its own and does not carry aspects into it, so
 * a stage created later gets no record (and the evidence report shows its stacks unchecked):
 * call this after the app's stages are created.
 */
export function recordChecks(scope: IConstruct, record: ChecksRecord): void {
  const aspect = new ChecksRecordAspect(record);
  Aspects.of(scope).add(aspect);
  for (const stage of scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))) {
    Aspects.of(stage).add(aspect);
  }
}

/**
 * Adds the record of a check pack to every stack it visits, once per pack and stack.
 */
export class ChecksRecordAspect implements IAspect {
  public constructor(private readonly record: ChecksRecord) {}

  public visit(node: IConstruct): void {
    if (!Stack.isStack(node)) return;
    const recorded = node.node.metadata.some(
      (m) => m.type === CHECKS_METADATA_TYPE && (m.data as ChecksRecord)?.pack === this.record.pack,
    );
    if (!recorded) {
      node.node.addMetadata(CHECKS_METADATA_TYPE, {
        pack: this.record.pack,
        version: this.record.version,
        rules: [...this.record.rules],
      });
    }
  }
}

/** The version of cdk-dpp itself (kept here for the code that imports it from the record). */
export { packageVersion } from '../package-version';
