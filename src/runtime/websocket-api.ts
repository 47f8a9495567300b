/** `app.websocketApi` (being written: send/close/info through the SDK v3 management API). */
export class WebsocketAPI {
  domainName: string | undefined;
  stage: string | undefined;

  configure(domainName: string, stage: string): void {
    this.domainName = domainName;
    this.stage = stage;
  }
}
