import { aws_kms as kms, CfnResource, Stack } from 'aws-cdk-lib';
import { DATA_CLASS_TAG, DataClass } from '../../../constructs/common/data-class';
import { DataStoreProfile } from '../../../lib/checks/rules/datastores/data-store-profile';
import { MANAGED_SERVICE_PROFILES } from '../../../lib/checks/rules/datastores/profiles-managed-services';
import { testStack } from '../../helpers';
import { findingsOf, unresolvedString } from '../rule-helpers';

const ID = 'DataStoreCustomerKey';

/** Properties with `value` at `path`, e.g. `{ A: { B: value } }` for `['A', 'B']`. */
function at(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>(
    (inner, key) => ({ [key]: inner }),
    value as never,
  );
}

/** Deep merge of property objects. */
function merge(...parts: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      out[key] =
        existing && typeof existing === 'object' && value && typeof value === 'object'
          ? merge(existing as Record<string, unknown>, value as Record<string, unknown>)
          : value;
    }
  }
  return out;
}

/** The settings that turn encryption on and select a customer-managed key, without the key. */
function switchedOn(profile: DataStoreProfile): Record<string, unknown> {
  const atRest = profile.atRest ?? {};
  return merge(
    atRest.enabled ? at(atRest.enabled.path, true) : {},
    atRest.keyType ? at(atRest.keyType.path, atRest.keyType.customerManaged) : {},
  );
}

function resource(stack: Stack, profile: DataStoreProfile, properties: Record<string, unknown>) {
  const tags = profile.store ? { Tags: [{ Key: DATA_CLASS_TAG, Value: DataClass.PII }] } : {};
  return new CfnResource(stack, 'Resource', {
    type: profile.type,
    properties: merge(properties, tags),
  });
}

const keyed = MANAGED_SERVICE_PROFILES.filter((p) => p.atRest?.key !== undefined);
const cases = keyed.map((p) => [p.type, p] as const);

describe('DataStoreCustomerKey on managed services that keep data', () => {
  test('the table judges each type once, and every store-type is a data store', () => {
    const types = MANAGED_SERVICE_PROFILES.map((p) => p.type);
    expect(new Set(types).size).toBe(types.length);
    expect(keyed.length).toBeGreaterThan(60);
  });

  test.each(cases)('%s under a customer-managed key of the app complies', (_, profile) => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    resource(stack, profile, merge(switchedOn(profile), at(profile.atRest?.key ?? [], key.keyArn)));
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test.each(cases)('%s with no key is flagged: AWS owns the key', (_, profile) => {
    const stack = testStack();
    resource(stack, profile, switchedOn(profile));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test.each(cases)('%s naming an AWS managed key alias is flagged', (_, profile) => {
    const stack = testStack();
    resource(
      stack,
      profile,
      merge(switchedOn(profile), at(profile.atRest?.key ?? [], 'alias/aws/kms')),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsManagedKey]`]);
  });

  test.each(cases)('%s with a key the synth cannot resolve is reported', (_, profile) => {
    const stack = testStack();
    const path = profile.atRest?.key ?? [];
    resource(stack, profile, merge(switchedOn(profile), at(path, unresolvedString(stack))));
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[Unresolved::${path.join('.')}]`]);
  });

  test.each(cases.filter(([, p]) => !p.store))(
    '%s tagged no-amazon-data is not judged',
    (_, profile) => {
      const stack = testStack();
      new CfnResource(stack, 'Resource', {
        type: profile.type,
        properties: { Tags: [{ Key: DATA_CLASS_TAG, Value: DataClass.NO_AMAZON_DATA }] },
      });
      expect(findingsOf(stack, ID)).toEqual([]);
    },
  );

  test.each(
    MANAGED_SERVICE_PROFILES.filter((p) => p.atRest?.enabled).map((p) => [p.type, p] as const),
  )('%s with encryption switched off is flagged as not encrypted', (_, profile) => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const enabled = profile.atRest?.enabled?.path ?? [];
    resource(
      stack,
      profile,
      merge(at(enabled, 'false'), at(profile.atRest?.key ?? [], key.keyArn)),
    );
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NotEncrypted]`]);
  });

  test('HealthLake: a customer key named while the key type stays AWS-owned is flagged', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new CfnResource(stack, 'Store', {
      type: 'AWS::HealthLake::FHIRDatastore',
      properties: {
        DatastoreTypeVersion: 'R4',
        SseConfiguration: {
          KmsEncryptionConfig: { CmkType: 'AWS_OWNED_KMS_KEY', KmsKeyId: key.keyArn },
        },
        Tags: [{ Key: DATA_CLASS_TAG, Value: DataClass.PII }],
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[NoCustomerManagedKey]`]);
  });

  test('an AppSync cache can only use a key AWS owns, and plaintext by default', () => {
    const stack = testStack();
    new CfnResource(stack, 'Cache', {
      type: 'AWS::AppSync::ApiCache',
      properties: {
        ApiId: 'api',
        ApiCachingBehavior: 'FULL_REQUEST_CACHING',
        Type: 'SMALL',
        Ttl: 60,
        AtRestEncryptionEnabled: true,
      },
    });
    expect(findingsOf(stack, ID)).toEqual([`DPP-${ID}[AwsOwnedKeyOnly]`]);
    expect(findingsOf(stack, 'DataStoreTransitEncrypted')).toEqual([
      'DPP-DataStoreTransitEncrypted[TlsNotForced]',
    ]);
  });
});
