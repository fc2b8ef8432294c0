/** A live connection to one Intercom workspace: the client and its lookup cache. The worker and the endpoint each make theirs. */
import type { IntercomHttp } from './intercom/http';
import type { Lookup } from './intercom/lookup';

export interface Session {
  http: IntercomHttp;
  lookup: Lookup;
}
