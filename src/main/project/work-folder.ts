/** Where the app saves projects and exports unless the editor says otherwise: never beside the source media. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A folder of the user's own (Documents/SAM2Matting), made when something is first saved or exported there. */
export function defaultWorkDir(): string {
  return join(homedir(), 'Documents', 'SAM2Matting');
}
