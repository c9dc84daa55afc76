// Storage queue
import { IConstruct } from 'constructs';
import { checkResourceId } from './bind-checks';
import { DestinationBindOptions, DestinationConfig, DestinationRole, IEventSubscriptionDestination } from './common';
import { Duration } from '../common/duration';
import { withoutUndefined } from '../internal/objects';
import { checkRequired, known } from '../validation/checks';
import { fail } from '../validation/errors';

const STORAGE_CHILD_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** EGP034: a storage queue or blob container name (3-63 lowercase letters, digits and single hyphens). */
export function checkStorageChildName(scope: IConstruct, field: string, value: string): void {
  checkRequired(scope, field, value);
  if (known(value) && !STORAGE_CHILD_NAME.test(value)) {
    fail(scope, 'EGP034', `${field} is not 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`, value,
      `give a storage ${field === 'queueName' ? 'queue' : 'container'} name such as events-1`);
  }
}

export interface StorageQueueProps {
  /** The ARM id of the storage account that holds the queue. */
  readonly storageAccountId: string;
  /** The queue's name. */
  readonly queueName: string;
  /**
   * How long the delivered messages live in the queue (rendered as `queueMessageTimeToLiveInSeconds`), at least
   * 1 second. Give this or `queueMessagesNeverExpire`, not both.
   * @default - the storage queue's default, 7 days
   */
  readonly queueMessageTimeToLive?: Duration;
  /**
   * Whether the delivered messages never expire (rendered as `queueMessageTimeToLiveInSeconds: -1`).
   * @default false
   */
  readonly queueMessagesNeverExpire?: boolean;
}

/**
 * A storage queue. With delivery through the partner topic's identity, that identity needs the
 * `Storage Queue Data Message Sender` role, granted on the queue itself.
 */
export class StorageQueue implements IEventSubscriptionDestination {
  public readonly endpointType: string = 'StorageQueue';
  /** `Storage Queue Data Message Sender` on the queue (`<account id>/queueServices/default/queues/<name>`). */
  public readonly identityRole?: DestinationRole;

  constructor(private readonly props: StorageQueueProps) {
    this.identityRole = {
      roleDefinitionName: 'Storage Queue Data Message Sender',
      scope: `${props.storageAccountId}/queueServices/default/queues/${props.queueName}`,
    };
  }

  public bind(scope: IConstruct, _options: DestinationBindOptions): DestinationConfig {
    const p = this.props;
    checkResourceId(scope, 'storageAccountId', p.storageAccountId, 'Microsoft.Storage/storageAccounts');
    checkStorageChildName(scope, 'queueName', p.queueName);
    let ttl: number | undefined;
    if (p.queueMessageTimeToLive !== undefined && p.queueMessagesNeverExpire) {
      fail(scope, 'EGP035', 'both queueMessageTimeToLive and queueMessagesNeverExpire are set', p.queueMessageTimeToLive.toString(),
        'give one of them');
    }
    if (p.queueMessageTimeToLive !== undefined) {
      ttl = p.queueMessageTimeToLive.toSeconds();
      if (ttl < 1) {
        fail(scope, 'EGP035', 'queueMessageTimeToLive is shorter than 1 second', p.queueMessageTimeToLive.toString(),
          'give at least Duration.seconds(1), or set queueMessagesNeverExpire');
      }
    } else if (p.queueMessagesNeverExpire) {
      ttl = -1;
    }
    return {
      endpointType: this.endpointType,
      properties: withoutUndefined({
        resourceId: p.storageAccountId,
        queueName: p.queueName,
        queueMessageTimeToLiveInSeconds: ttl,
      }),
    };
  }
}
