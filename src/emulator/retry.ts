// Event Grid's retry and dead-letter vocabulary (learn.microsoft.com/azure/event-grid/delivery-and-retry): which
// status codes are not retried, the outcome and dead-letter reason each status gives, and the queue of events
// waiting for their next attempt.
import { Item } from './delivery-types';

/** Codes a webhook delivery is not retried after. */
export const NO_RETRY = new Set([400, 401, 403, 413]);
export const OUTCOMES: { readonly [status: number]: string } = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'TimedOut',
  413: 'RequestEntityTooLarge',
  429: 'Busy',
  503: 'Busy',
};
export const UNDELIVERABLE: { readonly [status: number]: string } = {
  400: 'UndeliverableDueToHttpBadRequest',
  401: 'UndeliverableDueToHttpUnauthorized',
  403: 'UndeliverableDueToHttpForbidden',
  413: 'UndeliverableDueToHttpRequestEntityTooLarge',
};

/** A binary min-heap by `due`. */
export class DueHeap {
  private readonly items: Item[] = [];
  public get size(): number {
    return this.items.length;
  }
  public peek(): Item | undefined {
    return this.items[0];
  }
  public push(item: Item): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = Math.floor((i - 1) / 2);
      if (a[p].due <= a[i].due) {
        break;
      }
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  public pop(): Item | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].due < a[m].due) {
          m = l;
        }
        if (r < a.length && a[r].due < a[m].due) {
          m = r;
        }
        if (m === i) {
          break;
        }
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
