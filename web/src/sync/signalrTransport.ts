// The real transport: the official @microsoft/signalr client over WebSockets (JSON hub protocol).
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { HubTransport, ServerMessageName } from './transport';

export const HUB_PATH = '/hubs/board';

export class SignalRTransport implements HubTransport {
  private readonly connection: HubConnection;
  private messageHandler: ((name: ServerMessageName, payload: unknown) => void) | null = null;
  private closeHandler: ((error?: Error) => void) | null = null;
  /** Set while we close the connection ourselves, so that close is not reported as a loss. */
  private stopping = false;

  constructor(baseUrl: string, accessToken: () => string) {
    this.connection = new HubConnectionBuilder()
      .withUrl(`${baseUrl}${HUB_PATH}`, { accessTokenFactory: accessToken })
      .configureLogging(LogLevel.None)
      .build();
    // The sync client reconnects itself (it must Join again with lastSeq), so no automatic reconnect here.
    this.connection.serverTimeoutInMilliseconds = 20000;
    this.connection.keepAliveIntervalInMilliseconds = 5000;
    for (const name of ['entry', 'presence', 'fatal'] as const) {
      this.connection.on(name, (payload: unknown) => this.messageHandler?.(name, payload));
    }
    this.connection.onclose((error) => {
      if (this.stopping) return;
      this.closeHandler?.(error);
    });
  }

  async start(): Promise<void> {
    if (this.connection.state !== HubConnectionState.Disconnected) await this.stop();
    await this.connection.start();
  }

  async stop(): Promise<void> {
    if (this.connection.state === HubConnectionState.Disconnected) return;
    this.stopping = true;
    try {
      await this.connection.stop();
    } finally {
      this.stopping = false;
    }
  }

  invoke<T>(method: string, arg?: unknown): Promise<T> {
    // A hub method without parameters must be invoked with none (SignalR checks the count).
    return arg === undefined ? this.connection.invoke<T>(method) : this.connection.invoke<T>(method, arg);
  }

  send(method: string, arg: unknown): Promise<void> {
    if (this.connection.state !== HubConnectionState.Connected) return Promise.resolve();
    return this.connection.send(method, arg);
  }

  onMessage(handler: (name: ServerMessageName, payload: unknown) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (error?: Error) => void): void {
    this.closeHandler = handler;
  }
}
