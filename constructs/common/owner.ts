import { CfnResource, TagManager, Token } from 'aws-cdk-lib';
import { Problems } from './problems';

/**
 * The tag naming who answers for a resource and the data it holds: a team or a role address,
 * e.g. `orders-team@seller.example` (DPP-DG-2). Spelled like `dpp:data-class`; tag keys are
 * case-sensitive, so `dpp:Owner` or `Owner` is another tag.
 */
export const OWNER_TAG = 'dpp:owner';

/**
 * The priority of an owner a store declares itself: above the default priority of
 * `Tags.of(scope).add` (100), so a store's own owner wins over the one its stage or stack gives
 * every resource.
 */
export const DECLARED_OWNER_PRIORITY = 150;

/**
 * The characters AWS services accept in a tag value (letters, digits, spaces and
 * `_ . : / = + - @`), at most 256 of them.
 */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

/** The prefixes AWS reserves in tag values: `aws:` everywhere, `rds:` on RDS resources. */
const RESERVED_PREFIX = /^(aws|rds):/i;

/**
 * Checks an owner: a literal (the evidence report and the DPP pack read it from the template, where
 * a token is no owner), not blank, and a value every service accepts as a tag value (DPP-DG-2).
 * `required` makes a missing owner a problem too.
 */
export function checkOwner(
  problems: Problems,
  prop: string,
  owner: string | undefined,
  required: boolean,
): void {
  if (owner === undefined) {
    problems.check(
      !required,
      prop,
      'is required: the team or role address that answers for the data, e.g. ' +
        "'orders-team@seller.example'; every taggable resource carries it as the `dpp:owner` tag",
      ['DPP-DG-2'],
      'undefined',
    );
    return;
  }
  if (Token.isUnresolved(owner)) {
    problems.add(
      prop,
      'must be a literal: the inventory reads the owner from the synthesized template, where a ' +
        'token is no owner',
      ['DPP-DG-2'],
      owner,
    );
    return;
  }
  problems.check(
    owner.trim().length > 0 && owner.trim() === owner,
    prop,
    'must name the owner, without leading or trailing spaces',
    ['DPP-DG-2'],
    JSON.stringify(owner),
  );
  problems.check(
    TAG_VALUE.test(owner) && !RESERVED_PREFIX.test(owner),
    prop,
    'must be a tag value AWS accepts: at most 256 letters, digits, spaces and `_ . : / = + - @`, ' +
      'not starting with `aws:` or `rds:`',
    ['DPP-DG-2'],
    JSON.stringify(owner),
  );
}

/**
 * Tags a resource with the owner it declares, directly on the L1 so checks see it before synthesis,
 * at `DECLARED_OWNER_PRIORITY`.
 */
export function tagOwner(resource: CfnResource, owner: string): void {
  if (TagManager.isTaggable(resource)) {
    resource.tags.setTag(OWNER_TAG, owner, DECLARED_OWNER_PRIORITY);
  }
}
