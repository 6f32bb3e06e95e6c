import { NagMessageLevel } from 'cdk-nag';
import { DppRule } from '../../dpp-rule';
import { ecrImagesImmutableScanned } from './ecr-images-immutable-scanned';

const { WARN } = NagMessageLevel;

/** The Amazon ECR rules. */
export const ECR_RULES: readonly DppRule[] = [
  {
    id: 'EcrImagesImmutableScanned',
    level: WARN,
    resourceTypes: ['AWS::ECR::Repository'],
    clauses: ['DPP-25-VULN', 'SOC-R4'],
    summary: 'The ECR repository lets a tag be moved to another image, or does not scan its images',
    causes: {
      MutableTags:
        'The tags are mutable (`ImageTagMutability` absent means `MUTABLE`; the `*_WITH_EXCLUSION` values keep the excluded tags mutable), so a scanned image can be replaced under its tag',
      NotScanned:
        'No registry scanning configuration of the app scans the repository on push or continuously, and without one the repository does not scan on push',
    },
    explanation:
      'Vulnerabilities are found as soon as an image is pushed, and the image that was scanned is the one that runs, so critical ones can be fixed within 7 days and high ones within 30.',
    fix: 'use `SecureRepository`, or set `imageTagMutability: IMMUTABLE` and scan on push; with Amazon Inspector enhanced scanning, add the repository to a scan-on-push or continuous rule of the registry scanning configuration.',
    check: ecrImagesImmutableScanned,
  },
];
