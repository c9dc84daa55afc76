// Delivery attributes: the headers or message properties Event Grid sets on every delivered event.
import { IConstruct } from 'constructs';
import { checkRequired } from '../validation/checks';
import { fail } from '../validation/errors';

/** The kinds of delivery attribute mapping Event Grid offers. */
export enum DeliveryAttributeMappingType {
  /** A fixed value. */
  STATIC = 'Static',
  /** A value read from the event (a JSON path such as `data.orderId`). */
  DYNAMIC = 'Dynamic',
}

/**
 * A delivery attribute: a header (webhook, Azure Function, hybrid connection) or message property (Event Hubs,
 * Service Bus) that Event Grid sets on every delivered event, either a fixed value or a value read from the event.
 */
export class DeliveryAttributeMapping {
  /** A fixed value, shown in plain output (use `secretValue` for credentials). */
  public static staticValue(name: string, value: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.STATIC, value, false);
  }

  /**
   * A fixed secret value (`isSecret: true`): kept out of plain Terraform output (sent through azapi's write-only
   * `sensitive_body`), and never returned by Event Grid.
   */
  public static secretValue(name: string, value: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.STATIC, value, true);
  }

  /** A value read from each event, by its JSON path (for example `data.orderId` or `subject`). */
  public static fromEventField(name: string, sourceField: string): DeliveryAttributeMapping {
    return new DeliveryAttributeMapping(name, DeliveryAttributeMappingType.DYNAMIC, sourceField, false);
  }

  private constructor(
    /** The header or property name. */
    public readonly name: string,
    /** Static or dynamic. */
    public readonly type: DeliveryAttributeMappingType,
    private readonly valueOrField: string,
    /** Whether the value is a secret. */
    public readonly isSecret: boolean,
  ) {}

  /** @internal the mapping as the ARM API takes it (secret values included) */
  public _render(): any {
    if (this.type === DeliveryAttributeMappingType.DYNAMIC) {
      return { name: this.name, type: this.type, properties: { sourceField: this.valueOrField } };
    }
    return {
      name: this.name,
      type: this.type,
      properties: this.isSecret ? { value: this.valueOrField, isSecret: true } : { value: this.valueOrField },
    };
  }

  /** @internal EGP030/EGP033 on the name and the value */
  public _check(scope: IConstruct, field: string): void {
    checkRequired(scope, `${field}.name`, this.name);
    if (this.type === DeliveryAttributeMappingType.DYNAMIC) {
      checkRequired(scope, `${field} (${this.name}) sourceField`, this.valueOrField);
    } else if (this.valueOrField === undefined || this.valueOrField === null) {
      fail(scope, 'EGP033', `${field} (${this.name}) has no value`, null, 'give the attribute a value');
    }
  }
}

/** Settings every destination that carries delivery attributes shares. */
export interface DeliveryAttributeOptions {
  /**
   * Headers or message properties Event Grid sets on every delivered event.
   * @default - none
   */
  readonly deliveryAttributes?: DeliveryAttributeMapping[];
}
