/** `CloudWatchEvent`: what `app.schedule` and `app.onCwEvent` handlers receive (EventBridge events). */
import type { LambdaContext } from '../lambda-context.js';
import { BaseLambdaEvent, expectObject } from './base-event.js';

/** An EventBridge (CloudWatch Events) event as Lambda delivers it. */
export interface CloudWatchEventPayload<Detail = Record<string, unknown>> {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601, e.g. `2017-06-30T23:28:38Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Detail;
  readonly [extra: string]: unknown;
}

const EXPECTED = 'an EventBridge event ({"version","id","detail-type","source","account","time","region","resources","detail"})';

export class CloudWatchEvent<Detail = Record<string, unknown>> extends BaseLambdaEvent<CloudWatchEventPayload<Detail>> {
  /** `'0'` in every event. */
  readonly version: string;
  /** The 12-digit account the event came from. */
  readonly account: string;
  readonly region: string;
  /** The event payload; `{}` for scheduled events. */
  readonly detail: Detail;
  /** `'Scheduled Event'` for schedules. */
  readonly detailType: string;
  /** `'aws.events'` for schedules. */
  readonly source: string;
  /** The event timestamp as sent (ISO 8601 string). */
  readonly time: string;
  readonly eventId: string;
  /** ARNs involved; for schedules, the rule that fired. */
  readonly resources: readonly string[];

  constructor(raw: CloudWatchEventPayload<Detail>, context: LambdaContext | null = null) {
    super(raw, context);
    const event = expectObject(raw, 'CloudWatchEvent', 'the top level', EXPECTED) as CloudWatchEventPayload<Detail>;
    this.version = event.version;
    this.account = event.account;
    this.region = event.region;
    this.detail = event.detail ?? ({} as Detail);
    this.detailType = event['detail-type'];
    this.source = event.source;
    this.time = event.time;
    this.eventId = event.id;
    this.resources = event.resources ?? [];
  }
}
