/**
 * The part of the `smpp` package (0.5, plain JavaScript without types) that Club Hub uses: a
 * client session (lib/server/sms/smpp.ts) and the server that the tests run as a local SMSC.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A PDU's fields: the header's, the command's parameters and its TLVs, by their SMPP names. */
  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  /** A decoded short_message: the text, and the UDH's information elements when esm_class says there is one. */
  export interface ShortMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export type PduCallback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    socket: import('node:net').Socket;
    send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    enquire_link(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    unbind(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
  }

  export interface ConnectOptions {
    host: string;
    port: number;
    tls?: boolean;
    /** For TLS: checked against the SMSC's certificate as tls.connect does. */
    rejectUnauthorized?: boolean;
    servername?: string;
  }

  export function connect(options: ConnectOptions, listener?: () => void): Session;

  export interface SmppServer extends NetServer {
    sessions: Session[];
  }

  export function createServer(listener: (session: Session) => void): SmppServer;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): SmppServer;

  export const errors: Record<string, number>;
  export const ESM_CLASS: Record<string, number>;
  export const REGISTERED_DELIVERY: Record<string, number>;
  export const MESSAGE_STATE: Record<string, number>;
  export const ENCODING: Record<string, number>;
}
