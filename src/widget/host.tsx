/**
 * What the widget knows of the host it runs in, passed by context: how to call whoever holds the token
 * (the extension's worker, or a team's endpoint over HTTP), whether this viewer may write, and which host it is.
 * Components never import a transport themselves.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { extensionTransport, type Call } from '../protocol/client';

export interface Host {
  call: Call;
  /** False: no write control is shown at all (an embedded card with a `read` scope). */
  canWrite: boolean;
  /** Errors are worded for the place a person can fix them: the extension's Settings, or whoever runs the endpoint. */
  kind: 'extension' | 'embed';
  /**
   * One-click writes ask for a second, deliberate click (WriteButton): the in-page card, which a web page
   * surrounds and could try to move under the user's cursor.
   */
  confirmWrites?: boolean;
}

export const EXTENSION_HOST: Host = { call: extensionTransport.call, canWrite: true, kind: 'extension' };

const HostContext = createContext<Host>(EXTENSION_HOST);

export const HostProvider = HostContext.Provider;

export function useHost(): Host {
  return useContext(HostContext);
}

export function useCall(): Call {
  return useContext(HostContext).call;
}
