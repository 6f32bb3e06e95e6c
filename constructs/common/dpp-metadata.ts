import { CfnResource, IResolvable, Lazy, TagManager } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DATA_CLASS_TAG, DataClass } from './data-class';
import { isLibraryReason } from './opt-out';
import { tagOwner } from './owner';

/** The key of the CloudFormation `Metadata` entry the library writes on the resources it creates. */
export const DPP_METADATA_KEY = 'cdk-dpp';

/**
 * What a data store declares about the data it holds, in the store's own props
 * (DPP-DG-3, DPP-DG-4).
 */
export interface DataDeclaration {
  /**
   * Why the data is held.
   */
  readonly purpose: string;
  /**
   * The PII fields the store holds, e.g. `['buyerName', 'shippingAddress']`.
   * @default - none; a PII store must name at least one
   */
  readonly piiFields?: string[];
  /**
   * How the data is collected.
   * @default 'From the Selling Partner API, by the application role.'
   */
  readonly collection?: string;
  /**
   * With whom the data is shared.
   * @default 'Not shared outside the application.'
   */
  readonly sharing?: string;
  /**
   * Who answers for the data: a team or role address, e.g. `'orders-team@seller.example'`
   * (DPP-DG-2). The store carries it as its `dpp:owner` tag, over the owner its stage or stack
   * gives every resource (`Tags.of(scope).add(OWNER_TAG, ...)`, as `DppEnvironment` and
   * `DppBaseline` do); a data store that ends with no owner fails `DPP-DataStoreOwned`.
   * @default - the `dpp:owner` tag the store inherits from its scope
   */
  readonly owner?: string;
}

/**
 * The record of processing for one store, as written into the template (DPP-DG-3).
 */
export interface DataRecord {
  /** The data class, also the `dpp:data-class` tag. */
  readonly dataClass: DataClass;
  /** Why the data is held. */
  readonly purpose: string;
  /** The PII fields held. */
  readonly piiFields: string[];
  /** How the data is collected. */
  readonly collection: string;
  /** With whom the data is shared. */
  readonly sharing: string;
  /** How long a record is kept, in days. */
  readonly retentionDays: number;
  /** How data is disposed of at the end of its retention. */
  readonly disposal: string;
  /** How one person's data is erased on request (DPP-DG-4). */
  readonly erasure: string;
  /**
   * The fields of this record whose value cdk-dpp wrote, not the operator: a library default for
   * what the operator left out, or what a construct declares of itself. In the order of
   * `DATA_RECORD_FIELDS`.
   */
  readonly defaults: string[];
}

/** The fields of a record of processing the operator may declare or leave to the library. */
export const DATA_RECORD_FIELDS: readonly string[] = [
  'purpose',
  'piiFields',
  'collection',
  'sharing',
  'retentionDays',
  'disposal',
  'erasure',
];

/**
 * The names of `values` the operator left out (undefined): `{ erasure: props.erasure }` gives
 * `['erasure']` when the prop was not given.
 */
export function leftOut(values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(values)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
}

/**
 * A recorded opt-out of a safe default.
 */
export interface OptOutRecord {
  /** The prop that opted out. */
  readonly setting: string;
  /** The clauses the opt-out gives up or weakens. */
  readonly clauses: string[];
  /** Why, in the operator's words. */
  readonly reason: string;
  /**
   * Whether cdk-dpp wrote the reason (`libraryOptOut`), not the operator.
   * @default false
   */
  readonly byLibrary?: boolean;
}

const DEFAULT_COLLECTION = 'From the Selling Partner API, by the application role.';
const DEFAULT_SHARING = 'Not shared outside the application.';

/**
 * The `cdk-dpp` metadata of one CloudFormation resource: which construct made it, the clauses
 * it implements, the data it holds, who may read it and every opt-out. The evidence report
 * reads it from the synthesized template.
 */
export class DppMetadata {
  /** The metadata of `resource`, created on first use. */
  public static of(resource: CfnResource): DppMetadata {
    const existing = METADATA.get(resource);
    if (existing) return existing;
    const created = new DppMetadata(resource);
    METADATA.set(resource, created);
    return created;
  }

  private construct?: string;
  private readonly clauses = new Set<string>();
  private dataRecord?: DataRecord;
  private readonly readers: IConstruct[] = [];
  private readonly optOuts: OptOutRecord[] = [];

  private constructor(private readonly resource: CfnResource) {
    resource.addMetadata(
      DPP_METADATA_KEY,
      Lazy.any({ produce: () => this.render() }, { omitEmptyArray: true }) as IResolvable,
    );
  }

  /** Names the construct that made the resource and the clauses it implements. */
  public implementsControls(construct: string, clauses: string[]): this {
    this.construct = construct;
    clauses.forEach((c) => this.clauses.add(c));
    return this;
  }

  /**
   * Declares the data the resource holds and tags it with its data class, and with its owner
   * when the declaration names one. `libraryFields` names
   * the fields the construct filled in itself (see `DATA_RECORD_FIELDS`), for example `erasure`
   * when the operator gave none; `disposal`, which the construct always writes, and the
   * `piiFields`, `collection` and `sharing` the declaration leaves out are recorded as library
   * defaults too.
   */
  public declareData(
    dataClass: DataClass,
    declaration: DataDeclaration,
    retentionDays: number,
    disposal: string,
    erasure: string,
    libraryFields: string[] = [],
  ): this {
    const unknown = libraryFields.filter((f) => !DATA_RECORD_FIELDS.includes(f));
    if (unknown.length > 0) {
      throw new Error(
        `declareData: ${unknown.join(', ')} is not a field of the record of processing; use one of ${DATA_RECORD_FIELDS.join(', ')}.`,
      );
    }
    const defaults = new Set([
      ...libraryFields,
      'disposal',
      ...leftOut({
        piiFields: declaration.piiFields,
        collection: declaration.collection,
        sharing: declaration.sharing,
      }),
    ]);
    this.dataRecord = {
      dataClass,
      purpose: declaration.purpose,
      piiFields: [...(declaration.piiFields ?? [])],
      collection: declaration.collection ?? DEFAULT_COLLECTION,
      sharing: declaration.sharing ?? DEFAULT_SHARING,
      retentionDays,
      disposal,
      erasure,
      defaults: DATA_RECORD_FIELDS.filter((f) => defaults.has(f)),
    };
    tagDataClass(this.resource, dataClass);
    if (declaration.owner !== undefined) tagOwner(this.resource, declaration.owner);
    return this;
  }

  /** Records a principal that was granted read access. */
  public addReader(reader: IConstruct): this {
    if (!this.readers.includes(reader)) this.readers.push(reader);
    return this;
  }

  /** Records an opt-out of a safe default. */
  public addOptOut(record: OptOutRecord): this {
    this.optOuts.push(isLibraryReason(record.reason) ? { ...record, byLibrary: true } : record);
    return this;
  }

  private render(): Record<string, unknown> {
    return {
      construct: this.construct,
      implements: [...this.clauses].sort(),
      ...(this.dataRecord && {
        data: { ...this.dataRecord, readers: this.readers.map((r) => r.node.path) },
      }),
      ...(this.optOuts.length > 0 && { optOuts: this.optOuts }),
    };
  }
}

const METADATA = new WeakMap<CfnResource, DppMetadata>();

/** Tags a resource with its data class, directly on the L1 so checks see it before synthesis. */
export function tagDataClass(resource: CfnResource, dataClass: DataClass): void {
  if (TagManager.isTaggable(resource)) {
    resource.tags.setTag(DATA_CLASS_TAG, dataClass);
  }
}
