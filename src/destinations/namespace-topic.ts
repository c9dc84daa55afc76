// Event Grid namespace topic
import { ResourceIdDestination } from './resource-id-destination';

export interface NamespaceTopicProps {
  /**
   * The ARM id of the Event Grid namespace topic:
   * `/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.EventGrid/namespaces/<namespace>/topics/<topic>`.
   */
  readonly namespaceTopicId: string;
}

/**
 * A topic of an Event Grid namespace (pull or push delivery, MQTT). Needs API version 2025-02-15. With delivery
 * through the partner topic's identity, that identity needs the `EventGrid Data Sender` role on the namespace topic.
 */
export class NamespaceTopic extends ResourceIdDestination {
  public readonly endpointType: string = 'NamespaceTopic';

  constructor(props: NamespaceTopicProps) {
    super('namespaceTopicId', props.namespaceTopicId, 'Microsoft.EventGrid/namespaces/topics', 'EventGrid Data Sender', undefined, true);
  }
}
