/** The hops of a request's path, in the order it meets them. */
export type Hop =
  | 'identity policy'
  | 'security group egress'
  | 'route table'
  | 'endpoint policy'
  | 'store policy'
  | 'store ingress';

/** A hop that refuses a request, and why. */
export interface Refusal {
  readonly hop: Hop;
  readonly reason: string;
}
