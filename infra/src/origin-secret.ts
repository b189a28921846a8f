/**
 * The secret CloudFront sends to API Gateway so that the gateway can refuse every call
 * that did not come through the distribution. Two slots (`a`, `b`): the WAF rule on the
 * stage accepts both, CloudFront sends the one the environment file names, so a rotation
 * replaces the idle slot, then switches to it, without a moment where the sent value is refused.
 *
 * Each slot is a `terraform_data` holding a `uuid()` (122 random bits) taken at creation and
 * then kept (`ignore_changes`): no random provider is needed, and `terraform apply
 * -replace=<slot address>` draws a new one. The value is marked sensitive (plans and
 * outputs never print it) but lives in state and in the distribution's configuration:
 * whoever reads either can call the API directly.
 */
import { DataResource, Fn } from 'cdktf';
import { Construct } from 'constructs';

/** The request header carrying the secret (CloudFront overwrites a viewer's own copy). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

export type OriginSecretSlot = 'a' | 'b';

export const ORIGIN_SECRET_SLOTS: readonly OriginSecretSlot[] = ['a', 'b'];

export class OriginSecret extends Construct {
  private readonly slots: Readonly<Record<OriginSecretSlot, DataResource>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const slot = (name: OriginSecretSlot) =>
      new DataResource(this, `slot-${name}`, {
        // sensitive(): plans, the distribution's origin header and the WAF rule show
        // "(sensitive value)" instead of the secret; it still sits in state (see the README).
        input: { value: Fn.sensitive(Fn.uuid()) },
        // uuid() differs on every plan: keep the first value until the slot is replaced on purpose.
        lifecycle: { ignoreChanges: ['input'] },
      });
    this.slots = { a: slot('a'), b: slot('b') };
  }

  /** The value of one slot (known after the slot is created). */
  value(slot: OriginSecretSlot): string {
    return this.slots[slot].getStringAttribute('output.value');
  }

  /** Every value the gateway accepts: both slots. */
  accepted(): string[] {
    return ORIGIN_SECRET_SLOTS.map((slot) => this.value(slot));
  }
}
