import { Control, ControlFamily, ControlKind } from './control';

const { ENFORCED, SUPPORTED, ORGANIZATIONAL } = ControlKind;
const NP = ControlFamily.NETWORK_PROTECTION;
const DR = ControlFamily.RETENTION_RECOVERY;
const DG = ControlFamily.DATA_GOVERNANCE;
const ES = ControlFamily.ENCRYPTION_STORAGE;
const LP = ControlFamily.LEAST_PRIVILEGE;
const LM = ControlFamily.LOGGING_MONITORING;
const AU = ControlFamily.AUDIT;
const REV = ControlFamily.DPP_2025_REVISION;
const SOC = ControlFamily.SOC2_COMMITMENT;

/**
 * The control catalog: every clause of the Data Protection Policy (with its November 2025
 * revision) and of the SOC 2 service commitments, in the order of `shared/controls.md`.
 * Constructs, check rules and the evidence report reach a clause only through its ID here.
 */
export const CONTROLS: readonly Control[] = Object.freeze(
  [
    // Network Protection
    {
      id: 'DPP-NP-1',
      family: NP,
      kind: ENFORCED,
      requirement:
        'Data is encrypted and behind a firewall that turns away unknown addresses; nothing is publicly reachable.',
    },
    {
      id: 'DPP-NP-2',
      family: NP,
      kind: ENFORCED,
      requirement:
        'Every person and process has its own identity and keys; no shared, generic or default credentials.',
    },
    {
      id: 'DPP-NP-3',
      family: NP,
      kind: ENFORCED,
      requirement:
        'Only the accounts that need Amazon data can reach it, enforced by resource policies naming them.',
    },
    {
      id: 'DPP-NP-4',
      family: NP,
      kind: SUPPORTED,
      requirement:
        'Who and what can reach Amazon data is reviewed every month and stale access removed.',
      operatorDuty:
        'Read the monthly access-review report, remove access no longer needed and keep a record of each review.',
    },
    {
      id: 'DPP-NP-5',
      family: NP,
      kind: SUPPORTED,
      requirement: 'Amazon data is never kept on personal devices.',
      operatorDuty:
        'Forbid copies on personal devices in policy and device management; the data perimeter only stops downloads from outside the VPC.',
    },
    {
      id: 'DPP-NP-6',
      family: NP,
      kind: SUPPORTED,
      requirement:
        'Anomalous use and log-in attempts are detected, accounts are locked out and disabled when needed.',
      operatorDuty:
        'Act on GuardDuty findings and failed log-in alarms: disable the account and investigate.',
    },
    {
      id: 'DPP-NP-7',
      family: NP,
      kind: ENFORCED,
      requirement:
        'All Amazon data in transit uses HTTPS/TLS, inside the network and between hosts.',
    },
    {
      id: 'DPP-NP-8',
      family: NP,
      kind: ENFORCED,
      requirement:
        'Internal channels are encrypted too: replication among storage nodes, calls to dependencies, operational tooling.',
    },
    {
      id: 'DPP-NP-9',
      family: NP,
      kind: ENFORCED,
      requirement:
        'Channels without encryption are disabled even when unused: no plaintext listeners or ports.',
    },
    {
      id: 'DPP-NP-10',
      family: NP,
      kind: SUPPORTED,
      requirement:
        'Fields are encrypted with the AWS Encryption SDK where TLS ends on untrusted shared hardware.',
      operatorDuty:
        'Use the field-encryption helper for every PII field that passes a proxy or CDN you do not control.',
    },
    // Data Retention and Recovery
    {
      id: 'DPP-DR-1',
      family: DR,
      kind: ENFORCED,
      requirement: 'PII is kept only as long as needed, and never past 30 days after shipment.',
    },
    {
      id: 'DPP-DR-2',
      family: DR,
      kind: ENFORCED,
      requirement:
        'Archives kept for tax or legal reasons are cold and offline, not usable interactively.',
    },
    {
      id: 'DPP-DR-3',
      family: DR,
      kind: ENFORCED,
      requirement: 'Backups sit in a secure facility, and archived backup data is encrypted.',
    },
    {
      id: 'DPP-DR-4',
      family: DR,
      kind: ENFORCED,
      requirement: 'Any PII that is lost can be recovered.',
    },
    // Data Governance
    {
      id: 'DPP-DG-1',
      family: DG,
      kind: ORGANIZATIONAL,
      requirement: 'A written privacy and data-handling policy exists and is followed.',
      operatorDuty:
        'Write, approve and publish the privacy and data-handling policy for the application; review it yearly.',
    },
    {
      id: 'DPP-DG-2',
      family: DG,
      kind: SUPPORTED,
      requirement: 'An up-to-date inventory of software and devices with access to PII.',
      operatorDuty:
        'Keep the inventory of laptops and mobile devices that reach PII; the Config recorder and data-class tags cover cloud resources.',
    },
    {
      id: 'DPP-DG-3',
      family: DG,
      kind: SUPPORTED,
      requirement:
        'A record of processing: which PII fields are collected, processed, stored, used, shared and disposed of, and how.',
      operatorDuty:
        'Review the generated record of processing activities and add the processing that happens outside this infrastructure.',
    },
    {
      id: 'DPP-DG-4',
      family: DG,
      kind: SUPPORTED,
      requirement: 'Customers can access, correct, erase and stop the processing of their data.',
      operatorDuty:
        'Run a process that answers data-subject requests within the legal deadline, using each store’s erasure method.',
    },
    {
      id: 'DPP-DG-5',
      family: DG,
      kind: ORGANIZATIONAL,
      requirement: 'Employees sign and keep confidentiality undertakings.',
      operatorDuty:
        'Have every person with access sign a confidentiality undertaking and keep the signed copies.',
    },
    // Encryption and Storage
    {
      id: 'DPP-ES-1',
      family: ES,
      kind: ENFORCED,
      requirement: 'All PII at rest is encrypted with AES-256.',
    },
    {
      id: 'DPP-ES-2',
      family: ES,
      kind: ENFORCED,
      requirement:
        'Keys and cryptographic capabilities are usable only by the developer’s own processes.',
    },
    {
      id: 'DPP-ES-3',
      family: ES,
      kind: ENFORCED,
      requirement: 'No PII on removable media, unsecured public cloud apps or public links.',
    },
    {
      id: 'DPP-ES-4',
      family: ES,
      kind: ORGANIZATIONAL,
      requirement: 'Printed documents holding PII are disposed of securely.',
      operatorDuty: 'Shred printed PII; keep a disposal procedure and log.',
    },
    // Least Privilege
    {
      id: 'DPP-LP-1',
      family: LP,
      kind: ENFORCED,
      requirement:
        'Fine-grained, least-privilege access for every party, operators’ configuration APIs and kill switches included.',
    },
    {
      id: 'DPP-LP-2',
      family: LP,
      kind: ENFORCED,
      requirement: 'Whatever vends PII sits behind its own role, granted on a need-to-know basis.',
    },
    // Logging and Monitoring
    {
      id: 'DPP-LM-1',
      family: LM,
      kind: ENFORCED,
      requirement:
        'Security events are logged: access and authorization, intrusion attempts, configuration changes.',
    },
    {
      id: 'DPP-LM-2',
      family: LM,
      kind: ENFORCED,
      requirement:
        'Logging covers every channel: service APIs, storage-layer APIs, administrative dashboards.',
    },
    {
      id: 'DPP-LM-3',
      family: LM,
      kind: ENFORCED,
      requirement: 'Logs are access-controlled and tamper-proof for their whole life.',
    },
    {
      id: 'DPP-LM-4',
      family: LM,
      kind: ENFORCED,
      requirement: 'Logs contain no PII.',
    },
    {
      id: 'DPP-LM-5',
      family: LM,
      kind: ENFORCED,
      requirement: 'Logs are kept at least 90 days (12 months since the 2025 revision).',
    },
    {
      id: 'DPP-LM-6',
      family: LM,
      kind: ENFORCED,
      requirement:
        'Alarms fire on suspicious activity: repeated unauthorized calls, unusual request rates or retrieval volumes, canary access.',
    },
    {
      id: 'DPP-LM-7',
      family: LM,
      kind: SUPPORTED,
      requirement: 'Every alarm is investigated, as the Incident Response Plan documents.',
      operatorDuty:
        'Keep an Incident Response Plan with a runbook per alarm; record each investigation.',
    },
    // Audit
    {
      id: 'DPP-AU-1',
      family: AU,
      kind: SUPPORTED,
      requirement:
        'Records that prove compliance are kept for the agreement period plus 12 months.',
      operatorDuty:
        'Extend the audit-log retention when the agreement runs longer than the configured period.',
    },
    {
      id: 'DPP-AU-2',
      family: AU,
      kind: SUPPORTED,
      requirement: 'Compliance is certified in writing when Amazon asks.',
      operatorDuty:
        'Sign the written certification, attaching the evidence report of the deployed version.',
    },
    {
      id: 'DPP-AU-3',
      family: AU,
      kind: ORGANIZATIONAL,
      requirement: 'Audits are supported and their findings remediated in the agreed time.',
      operatorDuty:
        'Name an audit contact, give auditors access, and track each finding to remediation.',
    },
    // 2025 revision
    {
      id: 'DPP-25-MAL',
      family: REV,
      kind: SUPPORTED,
      requirement: 'Anti-malware protection cannot be switched off unnoticed.',
      operatorDuty: 'Respond to the alarm raised when GuardDuty is disabled or changed.',
    },
    {
      id: 'DPP-25-LOCK',
      family: REV,
      kind: SUPPORTED,
      requirement: 'Accounts lock after 10 failed log-in attempts.',
      operatorDuty:
        'Configure lockout in every identity provider outside this infrastructure (workforce SSO, consoles).',
    },
    {
      id: 'DPP-25-CRED',
      family: REV,
      kind: SUPPORTED,
      requirement: 'The last 10 passwords cannot be reused, and API keys are rotated.',
      operatorDuty:
        'Rotate the SP-API client secret and refresh tokens when the rotation alarm fires; set password history in the identity provider.',
    },
    {
      id: 'DPP-25-TLS',
      family: REV,
      kind: ENFORCED,
      requirement: 'TLS 1.2 or newer everywhere, with a key management system.',
    },
    {
      id: 'DPP-25-IMPOC',
      family: REV,
      kind: SUPPORTED,
      requirement: 'An incident management point of contact is readily available.',
      operatorDuty:
        'Keep the incident contact staffed and its address current; confirm the SNS subscription.',
    },
    {
      id: 'DPP-25-NONPII',
      family: REV,
      kind: ENFORCED,
      requirement: 'Non-PII Amazon data is deleted within 18 months unless the law says longer.',
    },
    {
      id: 'DPP-25-LOG',
      family: REV,
      kind: ENFORCED,
      requirement: 'Logs are kept at least 12 months.',
    },
    {
      id: 'DPP-25-VULN',
      family: REV,
      kind: SUPPORTED,
      requirement: 'Critical vulnerabilities are fixed within 7 days, high ones within 30.',
      operatorDuty:
        'Fix the Inspector findings routed to the incident contact within the deadlines, and record the fix.',
    },
    {
      id: 'DPP-25-BACKUP',
      family: REV,
      kind: ENFORCED,
      requirement: 'Backups are kept in more than one geographic location.',
    },
    {
      id: 'DPP-25-SUB',
      family: REV,
      kind: ORGANIZATIONAL,
      requirement:
        'Subcontractors are risk-assessed, and audit cooperation extends to Amazon’s affiliates and agents.',
      operatorDuty:
        'Keep a risk assessment for each subcontractor that touches Amazon data, and bind them to audit cooperation.',
    },
    // SOC 2 service commitments
    {
      id: 'SOC-C1',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Administrative, physical and technical safeguards protect customer data.',
      operatorDuty: 'Maintain the administrative and physical safeguards.',
      mapsTo: ['DPP-ES-1', 'DPP-NP-1', 'DPP-LP-1'],
    },
    {
      id: 'SOC-C2',
      family: SOC,
      kind: SUPPORTED,
      requirement:
        'Security procedures follow industry standards (AwsSolutions and NIST 800-53 R5 checks pass).',
      operatorDuty:
        'Keep the industry-standard check packs enabled in CI and act on their findings.',
      mapsTo: [],
    },
    {
      id: 'SOC-C3',
      family: SOC,
      kind: ENFORCED,
      requirement:
        'Logical access controls guard receipt, storage and internal transfer of client data.',
      mapsTo: ['DPP-NP-3', 'DPP-NP-7', 'DPP-LP-2'],
    },
    {
      id: 'SOC-C4',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Confidential information is not disclosed.',
      operatorDuty: 'Bind staff and partners to confidentiality agreements.',
      mapsTo: ['DPP-ES-3', 'DPP-NP-5'],
    },
    {
      id: 'SOC-C5',
      family: SOC,
      kind: ENFORCED,
      requirement:
        'Customer data is protected from unauthorized access and from accidental loss, destruction or damage.',
      mapsTo: ['DPP-DR-3', 'DPP-DR-4'],
    },
    {
      id: 'SOC-C6',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Customers are told of patches applied to production.',
      operatorDuty: 'Forward the change notifications to customers as the agreements require.',
      mapsTo: [],
    },
    {
      id: 'SOC-C7',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Incident management policies with escalation to customers.',
      operatorDuty: 'Keep the incident management policy and its customer escalation paths.',
      mapsTo: ['DPP-LM-6', 'DPP-LM-7'],
    },
    {
      id: 'SOC-C8',
      family: SOC,
      kind: ORGANIZATIONAL,
      requirement: 'An incident response team investigates and responds to incidents.',
      operatorDuty: 'Name the incident response team and its on-call rota.',
    },
    {
      id: 'SOC-C9',
      family: SOC,
      kind: ORGANIZATIONAL,
      requirement: 'Customers get technical support for installation and use.',
      operatorDuty: 'Staff a support channel for customers.',
    },
    {
      id: 'SOC-C10',
      family: SOC,
      kind: ORGANIZATIONAL,
      requirement: 'Reported problems are corrected or worked around.',
      operatorDuty: 'Track reported problems to resolution.',
    },
    {
      id: 'SOC-R1',
      family: SOC,
      kind: ENFORCED,
      requirement: 'Accounts and passwords are managed.',
      mapsTo: ['DPP-NP-2', 'DPP-NP-6'],
    },
    {
      id: 'SOC-R2',
      family: SOC,
      kind: ENFORCED,
      requirement:
        'The network is monitored for malicious traffic (GuardDuty, VPC flow logs, WAF logging).',
      mapsTo: [],
    },
    {
      id: 'SOC-R3',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Anti-malware guards systems against trojans, worms and viruses.',
      operatorDuty: 'Run anti-malware on workstations; act on GuardDuty malware findings.',
      mapsTo: [],
    },
    {
      id: 'SOC-R4',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Vulnerabilities are assessed periodically and remediated.',
      operatorDuty:
        'Remediate Inspector findings; run periodic assessments of what Inspector does not scan.',
      mapsTo: [],
    },
    {
      id: 'SOC-R5',
      family: SOC,
      kind: ENFORCED,
      requirement: 'User data at rest is encrypted.',
      mapsTo: ['DPP-ES-1'],
    },
    {
      id: 'SOC-R6',
      family: SOC,
      kind: ENFORCED,
      requirement: 'Credentials and sessions travel only over encrypted connections.',
      mapsTo: ['DPP-NP-7', 'DPP-NP-9'],
    },
    {
      id: 'SOC-R7',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Security and performance metrics are reviewed regularly.',
      operatorDuty: 'Review the security dashboard on a fixed schedule and record the review.',
      mapsTo: [],
    },
    {
      id: 'SOC-R8',
      family: SOC,
      kind: SUPPORTED,
      requirement: 'Changes are authorized, documented, tested and approved.',
      operatorDuty: 'Approve every change through code review before it is deployed.',
      mapsTo: [],
    },
    {
      id: 'SOC-R9',
      family: SOC,
      kind: ORGANIZATIONAL,
      requirement: 'Staff are background-screened and trained in security.',
      operatorDuty:
        'Screen new staff and run yearly security awareness training; keep the records.',
    },
  ].map((control) => Object.freeze(control)),
);

const BY_ID: ReadonlyMap<string, Control> = new Map(CONTROLS.map((c) => [c.id, c]));

/**
 * The clause with this ID.
 * @throws if the catalog has no such clause
 */
export function controlById(id: string): Control {
  const control = BY_ID.get(id);
  if (!control) {
    throw new Error(`Unknown clause ID '${id}': see the control catalog in lib/controls.`);
  }
  return control;
}

/**
 * Whether the catalog has a clause with this ID.
 */
export function isControlId(id: string): boolean {
  return BY_ID.has(id);
}
