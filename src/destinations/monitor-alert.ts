// Monitor alert
import { IConstruct } from 'constructs';
import { checkNewerApi, checkResourceId } from './bind-checks';
import { DestinationBindOptions, DestinationConfig, DestinationRole, IEventSubscriptionDestination } from './common';
import { withoutUndefined } from '../internal/objects';
import { checkEnum, checkRequired } from '../validation/checks';
import { fail } from '../validation/errors';

/** The severity of the alerts a Monitor alert destination fires. */
export enum MonitorAlertSeverity {
  /** Critical. */
  SEV0 = 'Sev0',
  /** Error. */
  SEV1 = 'Sev1',
  /** Warning. */
  SEV2 = 'Sev2',
  /** Informational. */
  SEV3 = 'Sev3',
  /** Verbose. */
  SEV4 = 'Sev4',
}

export interface MonitorAlertProps {
  /** The severity of every alert fired through the subscription. */
  readonly severity: MonitorAlertSeverity;
  /**
   * The ARM ids of the action groups every alert triggers
   * (`/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>`).
   * @default - none: the alerts show in Azure Monitor without notifying anyone
   */
  readonly actionGroupIds?: string[];
  /**
   * The description attached to every alert.
   * @default - none
   */
  readonly description?: string;
}

/**
 * An Azure Monitor alert fired for every event. Needs API version 2025-02-15. Microsoft documents Monitor alerts as
 * an Event Grid handler for Azure Key Vault events only, so on a partner topic the library refuses it (EGP049)
 * unless that rule is suppressed with a reason.
 */
export class MonitorAlert implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'MonitorAlert';
  /** None: Event Grid raises Monitor alerts itself. */
  public readonly identityRole?: DestinationRole = undefined;

  constructor(private readonly props: MonitorAlertProps) {}

  public bind(scope: IConstruct, options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkNewerApi(scope, options, 'the MonitorAlert destination', this.endpointType);
    checkRequired(scope, 'severity', p.severity);
    checkEnum(scope, 'severity', p.severity, MonitorAlertSeverity, 'MonitorAlertSeverity');
    (p.actionGroupIds ?? []).forEach((id, i) => checkResourceId(scope, `actionGroupIds[${i}]`, id, 'Microsoft.Insights/actionGroups'));
    fail(scope, 'EGP049', 'a MonitorAlert destination on a partner topic: Microsoft documents Monitor alerts as an Event Grid handler for Azure Key Vault events only',
      this.endpointType);
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        severity: p.severity,
        description: p.description,
        actionGroups: p.actionGroupIds,
      }),
    };
  }
}
