import { cloud_assembly_schema as schema } from 'aws-cdk-lib';

/** The severities CDK's validation report knows, in the order the summary line gives them. */
const SEVERITIES = ['fatal', 'error', 'warning', 'info'] as const;

/** What the plugins of one synth found. */
export interface FindingsSummary {
  /** Open findings (one per violating construct, as the terminal lists them) by severity. */
  readonly open: Readonly<Record<string, number>>;
  /** Open findings by plugin, in report order. */
  readonly openByPlugin: ReadonlyMap<string, number>;
  /**
   * Acknowledged findings by plugin, for the plugins that report them: every plugin whose
   * findings CDK suppressed, and the packs that said how many they skipped.
   */
  readonly acknowledgedByPlugin: ReadonlyMap<string, number>;
}

/**
 * Counts the findings of a validation report. `packAcknowledged` adds, by plugin name, the
 * findings a cdk-nag pack skipped because they were acknowledged: cdk-nag leaves those out of
 * the report, so only the pack itself can count them (the DPP pack does; other cdk-nag packs
 * say nothing about theirs).
 */
export function summarizeFindings(
  report: schema.PolicyValidationReportJson,
  packAcknowledged: ReadonlyMap<string, number>,
): FindingsSummary {
  const open: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  const openByPlugin = new Map<string, number>();
  const acknowledgedByPlugin = new Map(packAcknowledged);
  const add = (map: Map<string, number>, key: string, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n);
  for (const plugin of report.pluginReports) {
    add(openByPlugin, plugin.pluginName, 0);
    for (const violation of plugin.violations) {
      const n = violation.violatingConstructs.length;
      const severity =
        violation.severity === 'custom'
          ? (violation.customSeverity ?? 'info').toLowerCase()
          : violation.severity;
      open[severity] = (open[severity] ?? 0) + n;
      add(openByPlugin, plugin.pluginName, n);
    }
    for (const suppressed of plugin.suppressedViolations ?? []) {
      add(acknowledgedByPlugin, plugin.pluginName, suppressed.violatingConstructs.length);
    }
  }
  for (const name of packAcknowledged.keys()) add(openByPlugin, name, 0);
  return { open, openByPlugin, acknowledgedByPlugin };
}

/**
 * The line printed at the end of a synth, e.g.
 * `Validation summary: 5 open findings (1 fatal, 3 error, 1 warning, 0 info), 1 acknowledged;
 * DPP: 4 open, 1 acknowledged; AwsSolutions: 1 open.`
 */
export function findingsSummaryLine(summary: FindingsSummary): string {
  const total = (counts: Iterable<number>) => [...counts].reduce((a, b) => a + b, 0);
  const openCount = total(Object.values(summary.open));
  const severities = Object.entries(summary.open).map(([severity, n]) => `${n} ${severity}`);
  const plugins = [...summary.openByPlugin].map(([name, n]) => {
    const acknowledged = summary.acknowledgedByPlugin.get(name);
    return `${name}: ${n} open${acknowledged === undefined ? '' : `, ${acknowledged} acknowledged`}`;
  });
  return (
    `Validation summary: ${openCount} open finding${openCount === 1 ? '' : 's'} ` +
    `(${severities.join(', ')}), ${total(summary.acknowledgedByPlugin.values())} acknowledged` +
    plugins.map((p) => `; ${p}`).join('') +
    '.'
  );
}
