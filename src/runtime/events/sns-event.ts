/** `SNSEvent`: what `app.onSnsMessage` handlers receive. */
import type { LambdaContext } from '../lambda-context.js';
import { BaseLambdaEvent, expectObject, firstRecordOf, isJsonObject } from './base-event.js';

export interface SNSMessageAttribute {
  readonly Type: string;
  readonly Value: string;
}

/** One record of an SNS notification as Lambda delivers it. */
export interface SNSEventRecordPayload {
  readonly EventSource: string;
  readonly EventVersion: string;
  readonly EventSubscriptionArn: string;
  readonly Sns: {
    readonly Type: string;
    readonly MessageId: string;
    readonly TopicArn: string;
    readonly Subject?: string | null;
    readonly Message: string;
    readonly Timestamp: string;
    readonly MessageAttributes?: Readonly<Record<string, SNSMessageAttribute>>;
    readonly [extra: string]: unknown;
  };
}

export interface SNSEventPayload {
  readonly Records: readonly SNSEventRecordPayload[];
}

const EXPECTED = 'an SNS notification ({"Records":[{"Sns":{"Message","Subject"}}]})';

export class SNSEvent extends BaseLambdaEvent<SNSEventPayload> {
  /** `null` when the message was published without a subject. */
  readonly subject: string | null;
  /** The message text as published. */
  readonly message: string;
  /** `{}` when there are none. */
  readonly messageAttributes: Readonly<Record<string, SNSMessageAttribute>>;

  constructor(raw: SNSEventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    // SNS invokes Lambda with exactly one record.
    const sns = expectObject(firstRecordOf(raw, 'SNSEvent', EXPECTED).Sns, 'SNSEvent', 'Records[0].Sns', EXPECTED);
    this.subject = typeof sns.Subject === 'string' ? sns.Subject : null;
    this.message = String(sns.Message ?? '');
    this.messageAttributes = isJsonObject(sns.MessageAttributes) ? (sns.MessageAttributes as Record<string, SNSMessageAttribute>) : {};
  }
}
