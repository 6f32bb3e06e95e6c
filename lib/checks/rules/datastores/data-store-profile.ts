import { CfnResource } from 'aws-cdk-lib';
import { NagRuleResult } from 'cdk-nag';
import { objectOf } from '../../findings';
import { propertiesOf } from '../../resolve';
import { EngineKind } from './engine-tls';

/**
 * Where a data-store type keeps its protection settings, so a few generic rules can judge every
 * type alike. A dimension left out of a profile is not judged for that type (the service has no
 * such setting, or a per-service rule judges it).
 */

/** A setting: the property path inside `Properties`, and the value the service applies when absent. */
export interface Setting<T> {
  /** The property path, e.g. `['SSESpecification', 'SSEEnabled']`. */
  readonly path: readonly string[];
  /** The value the service applies when the property is absent. */
  readonly whenAbsent: T;
}

/** Encryption at rest. */
export interface AtRestProfile {
  /** The flag that turns encryption on; absent when the service always encrypts. */
  readonly enabled?: Setting<boolean>;
  /**
   * Where the KMS key is named; absent when the service encrypts only with a key AWS owns (the
   * finding `AwsOwnedKeyOnly`). An absent key means a key AWS owns or manages.
   */
  readonly key?: readonly string[];
  /** Values of the key property that stand for a key AWS owns (`AWS_OWNED_KMS_KEY`). */
  readonly awsOwnedValues?: readonly string[];
  /** A selector the key depends on (Keyspaces: `EncryptionType` = `CUSTOMER_MANAGED_KMS_KEY`). */
  readonly keyType?: Setting<string> & { readonly customerManaged: string };
}

/** Encryption in transit. */
export type TransitProfile =
  /** The service accepts TLS connections only. */
  | { readonly always: true }
  /** A flag on the store turns TLS on. */
  | { readonly flag: Setting<string>; readonly accepted: readonly string[] }
  /**
   * Parameter or option groups the store names decide TLS, with parameters it holds itself
   * (`inline`, for example a workgroup's `ConfigParameters`).
   */
  | {
      readonly groups: readonly string[];
      readonly inline?: boolean;
      /** The engine, for a type that has one only (Redshift, DocumentDB). */
      readonly engine?: EngineKind;
    };

/** Public reachability: a flag that, when true, gives the store a public endpoint. */
export type PublicProfile = Setting<boolean>;

/** How clients authenticate. */
export interface AuthProfile {
  /** IAM database authentication. */
  readonly iam?: Setting<boolean>;
  /** Settings of which one must be present, or clients connect without credentials. */
  readonly required?: readonly (readonly string[])[];
  /** An access control list whose value means no authentication at all. */
  readonly openAccess?: { readonly path: readonly string[]; readonly value: string };
  /**
   * The master password, and the setting that has the service manage it instead, or that says
   * the value is a secret's ARN (`value`: the setting's value that does; true when absent).
   */
  readonly password?: {
    readonly path: readonly string[];
    readonly managedBy?: readonly string[];
    readonly managedWhen?: string;
  };
}

/** Recovery from loss: deletion protection, automated backups, point-in-time recovery. */
export interface RecoveryProfile {
  /** Deletion protection. */
  readonly deletionProtection?: Setting<boolean>;
  /** Automated backups: a retention in days (0 = none) or a flag. */
  readonly backups?: Setting<number | boolean>;
  /** Continuous backups for point-in-time recovery. */
  readonly pointInTimeRecovery?: Setting<boolean>;
}

/** The profile of one CloudFormation type. */
export interface DataStoreProfile {
  /** The CloudFormation type. */
  readonly type: string;
  /** Whether the type is a data store in its own right (listed in `DATA_STORE_TYPES`). */
  readonly store: boolean;
  /** Encryption at rest (DataStoreCustomerKey). */
  readonly atRest?: AtRestProfile;
  /** Encryption in transit (DataStoreTransitEncrypted). */
  readonly transit?: TransitProfile;
  /** Public reachability (DataStoreNotPublic). */
  readonly public?: PublicProfile;
  /** Client authentication (DataStoreAuthenticated). */
  readonly auth?: AuthProfile;
  /** Recovery from loss (DataStoreRetained). */
  readonly recovery?: RecoveryProfile;
  /**
   * A judgement the table cannot express (a policy written as JSON text), by dimension:
   * `atRest` or `public`; it returns the findings like a rule.
   */
  readonly custom?: {
    readonly atRest?: (node: CfnResource) => NagRuleResult;
    readonly public?: (node: CfnResource) => NagRuleResult;
  };
}

/** The value at a property path, undefined when any step is absent. */
export function valueAt(node: CfnResource, path: readonly string[]): unknown {
  let value: unknown = propertiesOf(node);
  for (const key of path) {
    if (value === undefined) return undefined;
    value = objectOf(value)[key];
  }
  return value;
}

/** The value of a setting, or what the service applies when it is absent. */
export function settingOf<T>(node: CfnResource, setting: Setting<T>): unknown {
  const value = valueAt(node, setting.path);
  return value === undefined ? setting.whenAbsent : value;
}

/** The property path as a finding detail (`SSESpecification.SSEEnabled`). */
export function pathName(path: readonly string[]): string {
  return path.join('.');
}
