// The engine talks to the hub only through this interface, so tests drive it with a fake.

export type ServerMessageName = 'entry' | 'presence' | 'fatal';

export interface HubTransport {
  /** Opens the connection. Rejects when the server cannot be reached or refuses it. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** An invocation with a result; rejects if the connection drops first or the hub throws. */
  invoke<T>(method: string, arg?: unknown): Promise<T>;
  /** Fire-and-forget (presence). */
  send(method: string, arg: unknown): Promise<void>;
  onMessage(handler: (name: ServerMessageName, payload: unknown) => void): void;
  /** Called once per connection loss that the transport did not start itself. */
  onClose(handler: (error?: Error) => void): void;
}
