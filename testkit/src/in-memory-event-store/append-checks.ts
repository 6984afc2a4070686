import { prepareAppend, type EventToAppend, type PreparedEvent } from '@paygate/domain';

/** An event as the log keeps it: JSON text, so every read hands out a fresh copy, as a database would. */
export type CheckedEvent = Pick<PreparedEvent, 'id' | 'type' | 'dataJson' | 'metadataJson'>;

/** The port's own input rules (domain's prepareAppend), keeping only the JSON the log stores. */
export const checkAppend = (streamId: string, events: readonly EventToAppend[]): CheckedEvent[] =>
  prepareAppend(streamId, events).map(({ id, type, dataJson, metadataJson }) => ({ id, type, dataJson, metadataJson }));
