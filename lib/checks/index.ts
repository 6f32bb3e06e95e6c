export * from './dpp-checks';
export * from './acknowledgements';
export type { AcknowledgementRecord } from './acknowledgement-record';
export type { ChecksRecord } from './checks-record';
export type {
  SynthApp,
  SynthAttempt,
  SynthRecord,
  SynthStack,
  SynthStage,
  SynthVersions,
} from './synth-record';
