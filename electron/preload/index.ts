/**
 * Exposes the lab to the renderer as `window.lab`: one function per method
 * in the contract (nothing else crosses), plus an event subscription.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, LAB_METHOD_NAMES, type LabEvent } from '../../shared/contract/api';
import type { LabEventListener } from '../../shared/contract/bridge';

const methods = Object.fromEntries(
  LAB_METHOD_NAMES.map((method) => [method, (request: unknown) => ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, request)]),
);

contextBridge.exposeInMainWorld('lab', {
  ...methods,
  transport: 'electron',
  subscribe(listener: LabEventListener) {
    const handler = (_event: IpcRendererEvent, labEvent: LabEvent) => listener(labEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});
