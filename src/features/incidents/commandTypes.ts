import type { z } from 'zod';
import type { CommandAck, CommandType, commandDataSchemas } from '../../shared/protocol/events';

export type CommandData<T extends CommandType> = z.infer<(typeof commandDataSchemas)[T]>;

/** How the console sends an operator command: src/app passes the realtime connection's sender. */
export type SendCommand = <T extends CommandType>(type: T, data: CommandData<T>) => Promise<CommandAck>;
