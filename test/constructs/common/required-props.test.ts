import { SecureUserPool } from '../../../constructs/identity/secure-user-pool';
import { BucketMalwareProtection } from '../../../constructs/monitoring/bucket-malware-protection';
import { ChangeNotices } from '../../../constructs/monitoring/change-notices';
import { VulnerabilityDeadlines } from '../../../constructs/monitoring/vulnerability-deadlines';
import { SpApiCredentials } from '../../../constructs/secrets/sp-api-credentials';
import { testStack } from '../../helpers';

/** A construct class whose props a JavaScript caller may leave out. */
type Construct = new (scope: ReturnType<typeof testStack>, id: string, props?: never) => unknown;

/**
 * A required prop left out, or no props at all (as JavaScript allows), is a validation error
 * that names each missing prop and its clause, never a TypeError from deep inside the construct.
 */
describe.each([
  [SecureUserPool, ['incidentTopic']],
  [SpApiCredentials, ['encryptionKey', 'vpc', 'applicationRole', 'killSwitch', 'incidentTopic']],
  [BucketMalwareProtection, ['bucket', 'incidentTopic']],
  [ChangeNotices, ['contacts', 'version']],
  [VulnerabilityDeadlines, ['incidentTopic', 'logKey']],
] as unknown as [Construct, string[]][])('%p', (construct, required) => {
  test.each([
    ['no props', undefined],
    ['empty props', {}],
  ])('with %s names every required prop', (_, props) => {
    let error: unknown;
    try {
      new construct(testStack(), 'Built', props as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).not.toBeInstanceOf(TypeError);
    const message = String((error as Error | undefined)?.message);
    expect(required.filter((prop) => !message.includes(`\`${prop}\` is required: `))).toEqual([]);
    expect(message).toMatch(
      /^Test\/Built: `\w+` is required: .* \((DPP|SOC)-[^)]*\), got: undefined/,
    );
  });
});
