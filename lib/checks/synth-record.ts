import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  App,
  CloudFormationValidatePlugin,
  IPolicyValidationPlugin,
  Stack,
  Stage,
  Token,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { installedVersion, packageVersion } from '../package-version';
import { removeAssemblyFile, writeAssemblyFile } from './assembly-file';
import { JUDGEMENTS_FILE } from './judgements';

/**
 * The file, at the root of the cloud assembly, that marks a synth attempt: the DPP pack writes it
 * when it is constructed with a scope, before anything is synthesized.
 */
export const SYNTH_ATTEMPT_FILE = 'cdk-dpp-attempt.json';

/**
 * The file, at the root of the cloud assembly, that the DPP pack writes when CDK validates the
 * app: the attempt it belongs to, the versions, the validation plugins of every stage and the
 * environment of every stack. An attempt marker without a record of the same attempt means the
 * last synth failed before validation, so the assembly beside them is stale.
 */
export const SYNTH_RECORD_FILE = 'cdk-dpp-synth.json';

/** How the record names the app's root stage, whose construct path is empty. */
export const ROOT_STAGE = '/';

/** One synth attempt, as its marker records it. */
export interface SynthAttempt {
  /** A random ID, unique to the attempt. */
  readonly id: string;
  /** When the DPP pack was constructed, ISO 8601 UTC. */
  readonly startedAt: string;
}

/** The versions of the packages that synthesized the app, as installed for the app. */
export interface SynthVersions {
  /** aws-cdk-lib. */
  readonly awsCdkLib: string;
  /** cdk-nag. */
  readonly cdkNag: string;
  /** cdk-dpp. */
  readonly cdkDpp: string;
}

/** The package the app belongs to: the package.json found from the folder synth runs in. */
export interface SynthApp {
  /** The package name, or the folder name when no package.json is found. */
  readonly name: string;
  /**
   * The package version.
   * @default - none: no package.json, or one without a version
   */
  readonly version?: string;
}

/** The validation plugins registered on one stage. */
export interface SynthStage {
  /** The stage's construct path; `/` for the app itself. */
  readonly stage: string;
  /** The names of the plugins that validate the stacks of the stage and of the stages below it. */
  readonly plugins: string[];
}

/** Where one stack deploys. */
export interface SynthStack {
  /** The stack's construct path, which is its display name in the assembly, e.g. `Prod/Keys`. */
  readonly stack: string;
  /** The construct path of the stage that holds it; `/` for the app itself. */
  readonly stage: string;
  /**
   * The account.
   * @default - not known at synth: the stack is environment-agnostic
   */
  readonly account?: string;
  /**
   * The region.
   * @default - not known at synth: the stack is environment-agnostic
   */
  readonly region?: string;
}

/** What the DPP pack records of a synth when CDK validates the app. */
export interface SynthRecord {
  /** The ID of the attempt this synth belongs to. */
  readonly attempt: string;
  /** When the attempt started, ISO 8601 UTC. */
  readonly startedAt: string;
  /** When CDK called the pack to validate the app, ISO 8601 UTC. */
  readonly validatedAt: string;
  /** The package the app belongs to. */
  readonly app: SynthApp;
  /** The versions of aws-cdk-lib, cdk-nag and cdk-dpp. */
  readonly versions: SynthVersions;
  /** Every stage of the app, the app first, then by construct path. */
  readonly stages: SynthStage[];
  /** Every stack of the app (nested stacks aside), by construct path. */
  readonly stacks: SynthStack[];
}

/** The attempt of each app, shared by every DPP pack constructed in it. */
const ATTEMPTS = new WeakMap<IConstruct, SynthAttempt>();

/**
 * Starts a synth attempt for the app that holds `scope`, once per app: writes the attempt marker
 * into the app's output folder (created if missing) and removes the record and judgements of an
 * earlier attempt, so that only a synth that reaches validation leaves them. Does nothing for a
 * scope outside an app or a stage.
 */
export function startSynthAttempt(scope: IConstruct): void {
  const root = scope.node.root;
  if (!Stage.isStage(root) || ATTEMPTS.has(root)) return;
  const attempt: SynthAttempt = { id: randomUUID(), startedAt: isoNow() };
  ATTEMPTS.set(root, attempt);
  removeAssemblyFile(root, SYNTH_RECORD_FILE);
  removeAssemblyFile(root, JUDGEMENTS_FILE);
  writeAssemblyFile(root, SYNTH_ATTEMPT_FILE, attempt);
}

/**
 * Writes the synth record of the app at the root of its cloud assembly, when a DPP pack started
 * an attempt for it. Called from the pack's `validate`, so a synth that fails earlier leaves
 * none.
 */
export function writeSynthRecord(app: IConstruct): void {
  const root = app.node.root;
  const attempt = ATTEMPTS.get(root);
  if (!attempt || !Stage.isStage(root)) return;
  writeAssemblyFile(root, SYNTH_RECORD_FILE, synthRecord(root, attempt, isoNow()));
}

/** The synth record of an app, for a given attempt and validation time. */
function synthRecord(root: Stage, attempt: SynthAttempt, validatedAt: string): SynthRecord {
  const cwd = process.cwd();
  // findAll lists the root first: the app is a stage too.
  const stages = root.node.findAll().filter((c): c is Stage => Stage.isStage(c));
  return {
    attempt: attempt.id,
    startedAt: attempt.startedAt,
    validatedAt,
    app: appOf(cwd),
    versions: {
      awsCdkLib: installedVersion('aws-cdk-lib', cwd) ?? 'not installed',
      cdkNag: installedVersion('cdk-nag', cwd) ?? 'not installed',
      cdkDpp: installedVersion('cdk-dpp', cwd) ?? packageVersion(),
    },
    stages: stages
      .map((stage) => ({ stage: stagePath(stage), plugins: pluginNames(stage, root) }))
      .sort((a, b) => comparePaths(a.stage, b.stage)),
    stacks: root.node
      .findAll()
      .filter((c): c is Stack => Stack.isStack(c) && c.nestedStackParent === undefined)
      .map((stack) => ({
        stack: stack.node.path,
        stage: stagePath(Stage.of(stack) ?? root),
        account: known(stack.account, 'unknown-account'),
        region: known(stack.region, 'unknown-region'),
      }))
      .sort((a, b) => comparePaths(a.stack, b.stack)),
  };
}

/**
 * The names of the validation plugins CDK runs on a stage: the ones registered on it (aws-cdk-lib
 * keeps them in the stage's `_validationPlugins`, which has no public reader), and, on the app,
 * aws-cdk-lib's built-in CloudFormation validation when it is on.
 */
function pluginNames(stage: Stage, root: Stage): string[] {
  const registered = (stage as unknown as { _validationPlugins?: IPolicyValidationPlugin[] })
    ._validationPlugins;
  if (!Array.isArray(registered)) {
    throw new Error(
      `aws-cdk-lib ${installedVersion('aws-cdk-lib', process.cwd())} no longer shows the ` +
        'validation plugins of a stage: upgrade cdk-dpp.',
    );
  }
  const names = registered.map((p) => p.name);
  const builtIn =
    stage === root &&
    App.isApp(root) &&
    (root as unknown as { _builtinCloudFormationValidation?: boolean })
      ._builtinCloudFormationValidation === true &&
    process.env.CDK_VALIDATION !== 'false' &&
    !names.includes(CloudFormationValidatePlugin.PLUGIN_NAME);
  return builtIn ? [...names, CloudFormationValidatePlugin.PLUGIN_NAME] : names;
}

function appOf(cwd: string): SynthApp {
  for (let dir = cwd; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    return { name: pkg.name ?? path.basename(dir), version: pkg.version };
  }
  return { name: path.basename(cwd) };
}

/** A stage's construct path as the record names it. */
function stagePath(stage: Stage): string {
  return stage.node.path === '' ? ROOT_STAGE : stage.node.path;
}

/** A value CDK knows at synth: not a token, and not its placeholder for "unknown". */
function known(value: string, unknown: string): string | undefined {
  return Token.isUnresolved(value) || value === unknown ? undefined : value;
}

/** Orders construct paths, the root first. */
function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  if (a === ROOT_STAGE) return -1;
  if (b === ROOT_STAGE) return 1;
  return a < b ? -1 : 1;
}

function isoNow(): string {
  return new Date().toISOString();
}
