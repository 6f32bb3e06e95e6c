import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { Findings, isTrue, objectOf, recordsOf } from '../../findings';
import { literalText, propertiesOf, renders } from '../../resolve';
import { appFact } from '../app/app-index';

/** The scan frequencies that scan an image without a manual start, by registry scan type. */
const SCANNING_FREQUENCIES: Readonly<Record<string, readonly string[]>> = {
  ENHANCED: ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'],
  BASIC: ['SCAN_ON_PUSH'],
};

/** One scanning rule of a registry scanning configuration: its filters, or unknown. */
interface RegistryRule {
  /** The filters, `undefined` when one of them is not a literal. */
  readonly filters: string[] | undefined;
}

/** What the registry scanning configurations of the app say. */
interface RegistryScanning {
  /** Whether the app has a registry scanning configuration: it governs, not the repository. */
  readonly present: boolean;
  /** Whether a configuration's type or a rule's frequency is not a literal. */
  readonly unresolved: boolean;
  /** The rules that scan images without a manual start. */
  readonly rules: RegistryRule[];
}

/** The scanning rules of the app's registry scanning configurations that scan without a manual start. */
function registryScanning(configurations: CfnResource[]): RegistryScanning {
  const rendered = configurations.filter(renders);
  let unresolved = false;
  const rules: RegistryRule[] = [];
  for (const configuration of rendered) {
    const p = propertiesOf(configuration);
    const scanType = literalText(p.ScanType);
    if (scanType === undefined) unresolved = true;
    for (const rule of recordsOf(p.Rules)) {
      const frequency = literalText(rule.ScanFrequency);
      if (frequency === undefined) unresolved = true;
      if (!(SCANNING_FREQUENCIES[scanType ?? ''] ?? []).includes(frequency ?? '')) continue;
      const filters = recordsOf(rule.RepositoryFilters).map((f) => literalText(f.Filter));
      rules.push({
        filters: filters.every((f): f is string => f !== undefined) ? filters : undefined,
      });
    }
  }
  return { present: rendered.length > 0, unresolved, rules };
}

/**
 * Whether a custom resource of the app (`AccountBaseline`) enables Amazon Inspector with ECR
 * scanning: that switches the registry to enhanced scanning, every repository scanned
 * continuously by default (Amazon ECR User Guide, "Configuring enhanced scanning for images").
 */
function inspectorScansEcr(calls: CfnResource[]): boolean {
  return calls.some((call) => {
    const create = String(literalText(propertiesOf(call).Create) ?? '');
    return (
      create.includes('"service":"Inspector2"') &&
      create.includes('"action":"enable"') &&
      create.includes('"ECR"')
    );
  });
}

/**
 * Whether a registry filter matches a repository name: with a wildcard, `*` stands for any
 * characters and the whole name must match; without one, a name that contains the filter
 * matches (Amazon ECR User Guide, "Filters"). An unknown name matches only a filter of wildcards.
 */
function filterMatches(filter: string, name: string | undefined): boolean {
  if (name === undefined) return /^\*+$/.test(filter);
  if (!filter.includes('*')) return name.includes(filter);
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`).test(name);
}

/**
 * Compliant when an ECR repository keeps its tags immutable (`IMMUTABLE`; absent means
 * `MUTABLE`, and the `*_WITH_EXCLUSION` values leave the excluded tags mutable) and its images
 * are scanned without a manual start: by a registry scanning configuration of the app whose
 * rule scans on push or continuously with a filter matching the repository, which then governs
 * the repository's own setting; or, when the app has none, by Amazon Inspector's ECR scanning
 * enabled in the app (`AccountBaseline`), or by the repository's `ScanOnPush`.
 */
export function ecrImagesImmutableScanned(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::ECR::Repository') return NagRuleCompliance.NOT_APPLICABLE;
  const p = propertiesOf(node);
  const findings = new Findings(node).check(
    p.ImageTagMutability ?? 'MUTABLE',
    'ImageTagMutability',
    (value) => value === 'IMMUTABLE',
    'MutableTags',
  );
  const registry = appFact(node, 'AWS::ECR::RegistryScanningConfiguration', registryScanning);
  if (!registry.present) {
    if (appFact(node, 'Custom::AWS', inspectorScansEcr)) return findings.result();
    return findings
      .check(
        objectOf(p.ImageScanningConfiguration).ScanOnPush ?? false,
        'ImageScanningConfiguration.ScanOnPush',
        isTrue,
        'NotScanned',
      )
      .result();
  }
  const name = literalText(p.RepositoryName);
  const covered = registry.rules.some((rule) =>
    rule.filters?.some((filter) => filterMatches(filter, name)),
  );
  if (covered) return findings.result();
  if (p.RepositoryName !== undefined && name === undefined) {
    return findings.add('Unresolved::RepositoryName').result();
  }
  if (registry.unresolved || registry.rules.some((rule) => rule.filters === undefined)) {
    return findings.add('Unresolved::RegistryScanningConfiguration').result();
  }
  return findings.add('NotScanned').result();
}
