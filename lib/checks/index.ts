export * from './dpp-checks';
export * from './acknowledgements';
export { ACKNOWLEDGEMENT_METADATA_TYPE } from './acknowledgement-record';
export type { AcknowledgementRecord } from './acknowledgement-record';
export { CHECKS_METADATA_TYPE } from './checks-record';
export type { ChecksRecord } from './checks-record';
export { SYNTH_ATTEMPT_FILE, SYNTH_RECORD_FILE } from './synth-record';
export type {
  SynthApp,
  SynthAttempt,
  SynthRecord,
  SynthStack,
  SynthStage,
  SynthVersions,
} from './synth-record';
export { TODAY_CONTEXT_KEY } from './synth-date';
