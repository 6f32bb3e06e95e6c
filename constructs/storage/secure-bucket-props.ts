import { aws_s3 as s3 } from 'aws-cdk-lib';
import { keptRemovalPolicy } from '../common/kept-removal-policy';

/**
 * The settings every bucket of the library forces, applied over the caller's props so they
 * cannot be undone: all four Block Public Access settings and no ACLs (DPP-NP-1, DPP-ES-3),
 * TLS 1.2+ only (DPP-NP-7, DPP-25-TLS), versioning (DPP-DR-4), retained on stack deletion
 * and replacement (SOC-C5; a named bucket is deleted by the rollback of its own creation, when
 * empty), and SSE-KMS with a bucket key when a key is given (DPP-ES-1).
 */
export function secureBucketProps(props: s3.BucketProps): s3.BucketProps {
  return {
    ...props,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    publicReadAccess: false,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: keptRemovalPolicy(props.bucketName),
    autoDeleteObjects: false,
    ...(props.encryptionKey && {
      encryption: s3.BucketEncryption.KMS,
      bucketKeyEnabled: true,
    }),
  };
}
