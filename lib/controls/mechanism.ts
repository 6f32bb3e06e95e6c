/**
 * One resource of a synthesized app, as its template holds it: what a mechanism is looked for in.
 */
export interface TemplateResource {
  /** The stack the resource is in; references resolve within it. */
  readonly stack: string;
  /** The logical ID in the template. */
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::GuardDuty::Detector`. */
  readonly type: string;
  /** The template `Properties`, as written (intrinsic functions unresolved). */
  readonly properties: Readonly<Record<string, unknown>>;
  /**
   * The template `Metadata` of the resource, where cdk-dpp constructs write what a store
   * declares to hold (`cdk-dpp`).
   * @default - no metadata
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What a predicate may ask about the rest of the app. */
export interface TemplateReferences {
  /**
   * The type of the resource a `{ Ref }` or `{ 'Fn::GetAtt' }` value points to in the stack of
   * the resource being judged, or undefined when the value is no such reference or points to
   * nothing in the stack (a parameter, a pseudo parameter, a literal ARN).
   */
  typeOf(value: unknown): string | undefined;
}

/**
 * Whether a resource of the provider's type really provides the mechanism, judged on its
 * template (for example: an alarm that has an alarm action).
 */
export type MechanismPredicate = (
  resource: TemplateResource,
  references: TemplateReferences,
) => boolean;

/** A resource type that can provide a mechanism, and what such a resource must hold. */
export interface MechanismProvider {
  /** The CloudFormation type. */
  readonly type: string;
  /**
   * What a resource of the type must hold to count.
   * @default - any resource of the type counts
   */
  readonly matches?: MechanismPredicate;
}

/**
 * A piece of infrastructure a supported clause needs before people can act on it: the alarm,
 * the analyzer, the schedule, the topic with a subscriber.
 */
export interface Mechanism {
  /** What the mechanism is, in a few words. */
  readonly name: string;
  /**
   * The resource types that provide it; one matching resource of any of them is enough, unless
   * `everyResource` asks for all of them.
   */
  readonly providers: readonly MechanismProvider[];
  /**
   * Whether every resource of the provider types must match, not just one: the mechanism is
   * present when the app holds at least one resource of those types and each of them matches
   * (every data store tagged with an owner), and missing when any one does not.
   * @default false - one matching resource is enough
   */
  readonly everyResource?: boolean;
  /**
   * The cdk-dpp construct that provides it.
   * @default - no construct of the library provides it
   */
  readonly construct?: string;
  /** What the operator adds when the app lacks it, in one sentence. */
  readonly toAdd: string;
  /**
   * The opt-out settings under which a cdk-dpp construct records that the service behind the
   * mechanism is adopted, not created (`accountServices.guardDuty` of `AccountBaseline`): such a
   * record stands in for a missing mechanism as the operator's statement, never as evidence.
   * @default - only resources of the app provide the mechanism
   */
  readonly adoptedWith?: readonly string[];
  /**
   * The resource type whose presence makes the mechanism needed, for a mechanism only some apps
   * need (a user pool's settings, in an app with users). Without a resource of the type the
   * mechanism is neither present nor missing; with some, every one of them must match a provider
   * of the mechanism, or the mechanism is missing.
   * @default - every app needs the mechanism
   */
  readonly requiredWhere?: string;
}

/** The mechanisms one supported clause needs, every one of them. */
export interface ClauseMechanisms {
  /** The clause ID. */
  readonly clause: string;
  /** The mechanisms, all required. */
  readonly mechanisms: readonly Mechanism[];
}

/** A mechanism the app holds, and the resources that provide it. */
export interface PresentMechanism {
  /** The mechanism. */
  readonly mechanism: Mechanism;
  /** The resources that provide it, in the order the app's resources were given. */
  readonly resources: readonly TemplateResource[];
}

/**
 * A mechanism the app does not hold, whose service the operator states is adopted: managed by the
 * organization or another app. The statement is recorded, with its reason, on `resources`.
 */
export interface AdoptedMechanism {
  /** The mechanism. */
  readonly mechanism: Mechanism;
  /** The resources whose cdk-dpp metadata records the adoption. */
  readonly resources: readonly TemplateResource[];
  /** The recorded reasons, in the order of the resources. */
  readonly reasons: readonly string[];
}

/** For one supported clause: which of its mechanisms the app holds and which it misses. */
export interface MechanismEvidence {
  /** The clause ID. */
  readonly clause: string;
  /** The mechanisms present, in the order of the table. */
  readonly present: readonly PresentMechanism[];
  /**
   * The mechanisms the app does not hold but states adopted, in the order of the table: neither
   * present nor missing.
   */
  readonly adopted: readonly AdoptedMechanism[];
  /** The mechanisms missing, in the order of the table. */
  readonly missing: readonly Mechanism[];
}
